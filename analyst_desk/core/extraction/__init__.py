"""Spreadsheet extraction: tables and key figures from reports into Excel, exact and traceable."""
