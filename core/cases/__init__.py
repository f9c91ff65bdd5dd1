"""Cases (办件): intake on a resident's behalf, one-time notice, acceptance, deadlines."""

from core.cases.model import Case, CaseMaterial, CaseState, IdType
from core.cases.queries import CaseQueries, DueEntry, DueLevel, PublicStatus
from core.cases.service import Agent, Applicant, CaseService

__all__ = ["Agent", "Applicant", "Case", "CaseMaterial", "CaseQueries", "CaseService",
           "CaseState", "DueEntry", "DueLevel", "IdType", "PublicStatus"]
