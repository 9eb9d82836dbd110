"""Following outlets: feeds polled on a schedule, pages through the ingest pipeline, saved alerts evaluated and
delivered (loop.py, alerts.py, deliver.py; the commands in commands.py). It sits on the store and the ledger's
cross-article pass, as scale/ does."""
