from cxsmart.cli.entry import entry

entry()
