from cxsmart.entry import entry

entry()
