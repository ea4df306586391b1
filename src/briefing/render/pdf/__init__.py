"""PDF through WeasyPrint: the renderer, its warm preload in the forkserver, native library loading."""
