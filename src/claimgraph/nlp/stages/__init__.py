"""One module (or, for attributions, one package) per analysis stage; each is a function ``Doc -> Doc`` that
writes only its own records (``nlp.records``), registered as a spaCy component in ``nlp.registry``."""
