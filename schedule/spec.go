// Package schedule fires each channel's digest at the times its cron spec
// names, in its own time zone, and catches up a run missed while the bot
// was down.
package schedule

import (
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/robfig/cron/v3"
)

// DefaultMinInterval is the default shortest gap between two briefings of
// a channel that CheckInterval allows (SCHEDULE_MIN_INTERVAL): anything
// faster floods a channel and burns summarizer budget. Small private
// servers and test set-ups lower it to a minute, cron's own resolution.
const DefaultMinInterval = 5 * time.Minute

// maxLookback bounds Prev. Every spec Parse accepts fires at least once in
// eight years (a 29 February spec fires every four, or eight across 2100).
const maxLookback = 9 * 366 * 24 * time.Hour

// fieldNames and fieldRanges describe the five fields, for error messages.
var (
	fieldNames  = [5]string{"minute", "hour", "day-of-month", "month", "weekday"}
	fieldRanges = [5]string{"0-59", "0-23", "1-31", "1-12 or jan-dec", "0-6 or sun-sat"}
	fieldOpts   = [5]cron.ParseOption{cron.Minute, cron.Hour, cron.Dom, cron.Month, cron.Dow}
)

// standardOpts are cron.ParseStandard's options; Parse builds its own
// parser so that it can check descriptors and prefixes first and give its
// own messages.
const standardOpts = cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor

// Spec is a parsed, validated schedule. The zero Spec never fires.
type Spec struct {
	cron  string
	tz    string
	loc   *time.Location
	sched *cron.SpecSchedule
}

// Parse parses a 5-field cron spec (or a descriptor such as @daily) and an
// IANA time zone name ("" is UTC). Its errors are *news.Error with code
// news.EINVALID and a one-sentence message meant for the user. How often
// the spec may fire is the caller's policy: see CheckInterval.
//
// Times come from robfig/cron in the spec's location, so daylight saving
// behaves as it does there: a local time skipped in spring does not fire
// that day, and one repeated in autumn fires twice (once per offset).
func Parse(spec, timezone string) (Spec, error) {
	spec = strings.Join(strings.Fields(spec), " ")
	loc, tz, err := parseZone(timezone)
	if err != nil {
		return Spec{}, err
	}
	sched, err := parseCron(spec)
	if err != nil {
		return Spec{}, err
	}
	sched.Location = loc
	s := Spec{cron: spec, tz: tz, loc: loc, sched: sched}
	// A valid field combination can still name no real date (31 February).
	// The library looks five years ahead, which covers 29 February.
	if s.next(time.Date(2030, 1, 1, 0, 0, 0, 0, loc)).IsZero() {
		return Spec{}, news.Errorf(news.EINVALID, "%q never fires: check the day and month", spec)
	}
	return s, nil
}

func parseZone(name string) (*time.Location, string, error) {
	name = strings.TrimSpace(name)
	// "Local" is whatever zone the host runs in: not something a guild chose.
	if name == "" || name == "UTC" {
		return time.UTC, "UTC", nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, "", news.Errorf(news.EINVALID, "%q is not a time zone: use an IANA name such as Europe/Berlin", name)
	}
	return loc, name, nil
}

func parseCron(spec string) (*cron.SpecSchedule, error) {
	upper := strings.ToUpper(spec)
	switch {
	case spec == "":
		return nil, news.Errorf(news.EINVALID, "a schedule needs a cron spec such as \"0 8 * * 1-5\" (8:00 on weekdays)")
	case strings.HasPrefix(upper, "TZ=") || strings.HasPrefix(upper, "CRON_TZ="):
		return nil, news.Errorf(news.EINVALID, "%q is not a cron spec: set the time zone with the timezone option, not a TZ= prefix", spec)
	case strings.HasPrefix(spec, "@every"):
		// @every counts from whenever the bot started, so it has no fixed
		// times to show, catch up or deduplicate.
		return nil, news.Errorf(news.EINVALID, "%q is not supported: use a cron spec such as \"0 */2 * * *\" (every two hours)", spec)
	case strings.HasPrefix(spec, "@"):
		sched, err := cron.NewParser(standardOpts).Parse(spec)
		if err != nil {
			return nil, news.Errorf(news.EINVALID, "%q is not a cron spec: use 5 fields or one of @yearly, @monthly, @weekly, @daily, @hourly", spec)
		}
		return sched.(*cron.SpecSchedule), nil
	}
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return nil, news.Errorf(news.EINVALID, "%q is not a cron spec: it needs 5 fields (minute hour day month weekday)", spec)
	}
	// Parse field by field so the message can name the one that is wrong.
	for i, f := range fields {
		if _, err := cron.NewParser(fieldOpts[i]).Parse(f); err != nil {
			return nil, news.Errorf(news.EINVALID, "%q is not a cron spec: the %s field %q is invalid (use %s, lists, ranges and steps such as */15)",
				spec, fieldNames[i], f, fieldRanges[i])
		}
	}
	sched, err := cron.NewParser(standardOpts).Parse(spec)
	if err != nil {
		return nil, news.Errorf(news.EINVALID, "%q is not a cron spec: it needs 5 fields (minute hour day month weekday)", spec)
	}
	return sched.(*cron.SpecSchedule), nil
}

// CheckInterval returns a *news.Error with code news.EINVALID, naming the
// limit, when two consecutive fire times of s can be less than min apart.
// Gaps are measured on the wall clock without daylight saving: a
// spring-forward hour can bring two fires closer once a year, which the
// posts' exactly-once record and skip-if-running bound.
func (s Spec) CheckInterval(min time.Duration) error {
	if s.sched == nil || !gapBelow(s.sched, min) {
		return nil
	}
	return news.Errorf(news.EINVALID, "%q fires too often: this bot posts a channel's briefing at most every %s (SCHEDULE_MIN_INTERVAL)",
		s.cron, formatInterval(min))
}

// formatInterval writes d as people say it: "5 minutes", "1 hour", "90 minutes".
func formatInterval(d time.Duration) string {
	unit, n := "minute", int64(d/time.Minute)
	if d%time.Hour == 0 {
		unit, n = "hour", int64(d/time.Hour)
	}
	if n == 1 {
		return "1 " + unit
	}
	return strconv.FormatInt(n, 10) + " " + unit + "s"
}

// gapBelow reports whether two consecutive fire times of s can be less than
// min apart. Up to an hour it reads the minute and hour fields: within an
// hour every chosen minute fires, so the closest minutes decide, and across
// an hour boundary (the last minute of one hour to the first of the next)
// it only matters when two adjacent hours are chosen. Days are not checked
// there: "0,58 23,0 1 * *" is refused although its 23:58 and 0:00 fall on
// different days of the month, which is rare enough not to matter. Longer
// limits are checked on a year of fire times.
func gapBelow(s *cron.SpecSchedule, min time.Duration) bool {
	if min <= time.Minute {
		return false // cron fires at most once a minute
	}
	if min > time.Hour {
		return yearGapBelow(s, min)
	}
	const minutes = 1<<60 - 1
	const hours = 1<<24 - 1
	gap := int((min + time.Minute - 1) / time.Minute)
	mins := s.Minute & minutes
	first, last, prev := -1, -1, -1
	for m := mins; m != 0; m &= m - 1 {
		cur := bits.TrailingZeros64(m)
		if prev >= 0 && cur-prev < gap {
			return true
		}
		if first < 0 {
			first = cur
		}
		prev, last = cur, cur
	}
	if first < 0 || 60-last+first >= gap {
		return false
	}
	h := s.Hour & hours
	adjacent := h & (h>>1 | (h&1)<<23) // bit i set: hours i and i+1 (mod 24) both chosen
	return adjacent != 0
}

// yearGapBelow walks a year of s's fire times in UTC from a fixed date and
// reports whether two consecutive ones are less than min apart. A spec
// that fires often fails within its first few times.
func yearGapBelow(s *cron.SpecSchedule, min time.Duration) bool {
	utc := *s
	utc.Location = time.UTC
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(1, 0, 7) // a spec's first fire of the next year too
	prev := utc.Next(start)
	for t := utc.Next(prev); !t.IsZero() && t.Before(end); t = utc.Next(t) {
		if t.Sub(prev) < min {
			return true
		}
		prev = t
	}
	return false
}

// Next returns the next n fire times strictly after after, in s's location.
// It returns fewer when the schedule ends (never, for a parsed Spec).
func (s Spec) Next(after time.Time, n int) []time.Time {
	if s.sched == nil || n <= 0 {
		return nil
	}
	out := make([]time.Time, 0, n)
	t := after.In(s.loc)
	for range n {
		if t = s.sched.Next(t); t.IsZero() {
			break
		}
		out = append(out, t)
	}
	return out
}

// next returns the first fire time strictly after t, or the zero time.
func (s Spec) next(t time.Time) time.Time {
	if s.sched == nil {
		return time.Time{}
	}
	return s.sched.Next(t.In(s.loc))
}

// Prev returns the latest fire time at or before at, in s's location, or
// the zero time if there is none within nine years. The cron library only
// searches forwards, so Prev scans back in windows that double in length:
// the first hour holds the answer for frequent specs, and a yearly spec
// takes about seventeen windows of one or two fires each.
func (s Spec) Prev(at time.Time) time.Time {
	if s.sched == nil {
		return time.Time{}
	}
	hi := at.In(s.loc)
	for w, total := time.Hour, time.Duration(0); total < maxLookback; w *= 2 {
		lo := hi.Add(-w)
		var last time.Time
		// Fires in (lo, hi]: Next is strictly after lo.
		for t := s.sched.Next(lo); !t.IsZero() && !t.After(hi); t = s.sched.Next(t) {
			last = t
		}
		if !last.IsZero() {
			return last
		}
		hi, total = lo, total+w
	}
	return time.Time{}
}

// Location returns the time zone the spec fires in.
func (s Spec) Location() *time.Location {
	if s.loc == nil {
		return time.UTC
	}
	return s.loc
}

// String returns the spec and its zone, as in `0 8 * * 1-5 (Europe/Berlin)`.
func (s Spec) String() string {
	if s.sched == nil {
		return ""
	}
	return s.cron + " (" + s.tz + ")"
}
