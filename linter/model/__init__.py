"""Stage 3, model: the typed, frozen Document that rules read, and the data it is made of.

Data only: the readers that build it from rows and paragraphs are bplint.extract
(`bplint.extract.build(source) -> Document`); nothing here imports them or reads text.
"""
