package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// minPollInterval keeps a misconfiguration from hammering feed servers.
const minPollInterval = time.Minute

// ParseDuration is time.ParseDuration plus the units people use for news
// windows: "d" (24h) and "w" (7d), alone or combined ("1w2d", "1d12h").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty duration")
	}
	var total time.Duration
	rest := s
	for _, unit := range []struct {
		suffix string
		d      time.Duration
	}{{"w", 7 * 24 * time.Hour}, {"d", 24 * time.Hour}} {
		i := strings.Index(rest, unit.suffix)
		if i < 0 {
			continue
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a duration (e.g. 30m, 12h, 7d)", s)
		}
		total += time.Duration(n * float64(unit.d))
		rest = rest[i+1:]
	}
	if rest != "" {
		d, err := time.ParseDuration(rest)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration (e.g. 30m, 12h, 7d)", s)
		}
		total += d
	}
	return total, nil
}

// FormatDuration prints a duration the way ParseDuration reads it, with
// days for whole days ("1d", "36h", "30m").
func FormatDuration(d time.Duration) string {
	const day = 24 * time.Hour
	if d > 0 && d%day == 0 {
		return fmt.Sprintf("%dd", d/day)
	}
	s := d.String()
	// time.Duration prints 30m as "30m0s"; drop the noise.
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func positiveDuration(v string) (time.Duration, error) {
	d, err := ParseDuration(v)
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be more than zero", v)
	}
	return d, nil
}

// durationBetween parses a duration within [lo, hi].
func durationBetween(v string, lo, hi time.Duration) (time.Duration, error) {
	d, err := ParseDuration(v)
	switch {
	case err != nil:
		return 0, err
	case d < lo:
		return 0, fmt.Errorf("%q is too short: at least %s", v, FormatDuration(lo))
	case d > hi:
		return 0, fmt.Errorf("%q is too long: at most %s", v, FormatDuration(hi))
	}
	return d, nil
}

var sizeUnits = []struct {
	suffix string
	n      int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
}

// ParseSize reads a byte count: a plain number or one with a unit (KiB,
// MiB, GiB, KB, MB, GB; K, M and G are binary).
func ParseSize(v string) (int64, error) {
	s := strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) {
			s, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.n
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size (e.g. 10MiB, 500KB, 1048576)", v)
	}
	return n * mult, nil
}

// FormatSize prints a byte count in the largest binary unit that divides it.
func FormatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.n && n%u.n == 0 {
			return fmt.Sprintf("%d%s", n/u.n, u.suffix)
		}
	}
	return fmt.Sprint(n)
}

func intAtLeast(v string, min int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", v)
	}
	if n < min {
		return 0, fmt.Errorf("%d is too small: the least is %d", n, min)
	}
	return n, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", v)
}

func oneOf(v string, allowed ...string) (string, error) {
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a, nil
		}
	}
	return "", fmt.Errorf("%q is not one of %s", v, strings.Join(allowed, ", "))
}

// intBetween parses an integer in [lo, hi].
func intBetween(v string, lo, hi int) (int, error) {
	n, err := intAtLeast(v, lo)
	if err == nil && n > hi {
		err = fmt.Errorf("%d is too large: at most %d", n, hi)
	}
	return n, err
}

// ParseTime reads a point in time as people write it on a command line or
// in a slash command: a duration ago ("12h", "7d", "2w") or a date
// ("2026-11-01", "2026-11-01T08:00", RFC 3339), a date without a zone
// being in loc. Empty means no bound: the zero time. Its error is a
// *news.Error with code EINVALID that says what to write.
func ParseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, news.Errorf(news.EINVALID, "%q is neither a duration (12h, 7d) nor a date (2026-11-01)", s)
}
