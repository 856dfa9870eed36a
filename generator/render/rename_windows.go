package render

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// rename retries for about a second while another program holds a file
// open (an antivirus scanner, the search indexer, an editor): Windows
// refuses to rename an open file or a folder holding one, and such
// programs let go quickly.
func rename(from, to string) error {
	var err error
	for i := range 8 {
		err = os.Rename(from, to)
		if err == nil || !(errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
			errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)) {
			return err
		}
		time.Sleep(time.Duration(i+1) * 30 * time.Millisecond)
	}
	return err
}
