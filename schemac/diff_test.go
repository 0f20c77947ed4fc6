package schemac

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUnified(t *testing.T) {
	a := splitLines([]byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n"))
	b := splitLines([]byte("1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nfifteen\n16\n"))
	assert.Equal(t, `@@ -1,6 +1,6 @@
 1
 2
-3
+three
 4
 5
 6
@@ -12,5 +12,5 @@
 12
 13
 14
-15
+fifteen
 16
`, unified(a, b, 3))
	assert.Equal(t, "", unified(a, a, 3))
	assert.Equal(t, "@@ -0,0 +1,2 @@\n+x\n+y\n", unified(nil, splitLines([]byte("x\ny\n")), 3))
}
