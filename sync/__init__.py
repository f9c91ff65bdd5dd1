"""The upward link between a center and the county hub (Qt-free).

``sync.protocol`` is the wire contract both ends share; ``sync.client`` is the center's
engine; ``sync.hub`` is the reference upper-level server.
"""
