from cxsmart.cli import entry

entry()
