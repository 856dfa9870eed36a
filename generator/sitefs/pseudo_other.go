//go:build !linux

package sitefs

func pseudoMount(string) string { return "" }
