"""Readers for address and street gazetteer file formats."""
