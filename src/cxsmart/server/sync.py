"""Incremental text sync: editors send only the range a keystroke changed (a few bytes, not the
file's 60 KB), and the server applies it to its copy of the text. pygls would apply it over its
own lines, which str.splitlines ends at U+2028, form feeds and other separators where LSP does
not (a range after one would land elsewhere); here lines end at CRLF, LF or CR, as the client
counts them (positions.replaced). A change without a range is the whole text, as before."""

from __future__ import annotations

from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from cxsmart.server.positions import replaced


class Protocol(LanguageServerProtocol):
    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        for change in params.content_changes:
            doc = self.workspace.text_documents.get(unquote(params.text_document.uri))    # as pygls keys them
            if doc is not None and isinstance(change, lsp.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                change = lsp.TextDocumentContentChangeWholeDocument(
                    replaced(doc.source, (start.line, start.character), (end.line, end.character), change.text))
            self.workspace.update_text_document(params.text_document, change)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

