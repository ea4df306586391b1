"""Word files through python-docx, styled by templates/reference.docx: the writer and its parts."""
