"""One module per analysis stage; each is a function ``Doc -> Doc`` writing only its own results."""
