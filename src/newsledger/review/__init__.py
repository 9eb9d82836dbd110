"""Review: who may correct the ledger, recording their corrections, re-extraction, and corrections as gold data."""
