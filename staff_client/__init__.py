"""The window-staff client (窗口工作人员端): calling the queue, filing cases on a resident's
behalf, notices and receipts, upstream feedback and pickup, and the supervisor's pages."""
