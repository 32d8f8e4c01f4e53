package schedule

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zoneinfo

	"github.com/newsbrief/newsbrief/news"
)

func mustLoad(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

func MustParse(tb testing.TB, cron, tz string) Spec {
	tb.Helper()
	s, err := Parse(cron, tz)
	if err != nil {
		tb.Fatalf("Parse(%q, %q): %v", cron, tz, err)
	}
	return s
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, cron, tz string
		want           string // String() when valid
		wantErr        string // substring of the error otherwise
	}{
		{name: "weekdays in Berlin", cron: "0 8 * * 1-5", tz: "Europe/Berlin", want: "0 8 * * 1-5 (Europe/Berlin)"},
		{name: "empty zone is UTC", cron: "0 8 * * *", want: "0 8 * * * (UTC)"},
		{name: "UTC by name", cron: "0 8 * * *", tz: "UTC", want: "0 8 * * * (UTC)"},
		{name: "spaces normalised", cron: "  0   8 * *  mon-fri ", tz: " America/New_York ", want: "0 8 * * mon-fri (America/New_York)"},
		{name: "every 5 minutes", cron: "*/5 * * * *", want: "*/5 * * * * (UTC)"},
		{name: "office hours", cron: "*/15 9-17 * * *", want: "*/15 9-17 * * * (UTC)"},
		{name: "close minutes in one hour", cron: "0,58 8 * * *", want: "0,58 8 * * * (UTC)"},
		{name: "daily", cron: "@daily", tz: "Asia/Tokyo", want: "@daily (Asia/Tokyo)"},
		{name: "hourly", cron: "@hourly", want: "@hourly (UTC)"},
		{name: "weekly", cron: "@weekly", want: "@weekly (UTC)"},
		{name: "leap day", cron: "0 9 29 2 *", want: "0 9 29 2 * (UTC)"},

		{name: "four fields", cron: "0 8 * *", wantErr: `"0 8 * *" is not a cron spec: it needs 5 fields (minute hour day month weekday)`},
		{name: "six fields", cron: "0 0 8 * * *", wantErr: "it needs 5 fields"},
		{name: "empty", cron: "", wantErr: "needs a cron spec"},
		{name: "minute out of range", cron: "61 8 * * *", wantErr: `the minute field "61" is invalid`},
		{name: "hour out of range", cron: "0 24 * * *", wantErr: `the hour field "24" is invalid`},
		{name: "day out of range", cron: "0 8 32 * *", wantErr: `the day-of-month field "32" is invalid`},
		{name: "month out of range", cron: "0 8 * 13 *", wantErr: `the month field "13" is invalid`},
		{name: "weekday word", cron: "0 8 * * funday", wantErr: `the weekday field "funday" is invalid`},
		{name: "garbage", cron: "a b c d e", wantErr: `the minute field "a" is invalid`},
		{name: "bad zone", cron: "0 8 * * *", tz: "Mars/Olympus", wantErr: `"Mars/Olympus" is not a time zone: use an IANA name such as Europe/Berlin`},
		{name: "host zone refused", cron: "0 8 * * *", tz: "Local", wantErr: "is not a time zone"},
		{name: "every minute parses", cron: "* * * * *", want: "* * * * * (UTC)"},
		{name: "CRON_TZ prefix", cron: "CRON_TZ=Europe/Berlin 0 8 * * *", wantErr: "timezone option"},
		{name: "TZ prefix", cron: "TZ=UTC 0 8 * * *", wantErr: "timezone option"},
		{name: "every descriptor", cron: "@every 1h", wantErr: "is not supported"},
		{name: "unknown descriptor", cron: "@fortnightly", wantErr: "one of @yearly"},
		{name: "no such date", cron: "0 8 31 2 *", wantErr: "never fires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.cron, tt.tz)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Parse(%q, %q) = %v, want error %q", tt.cron, tt.tz, s, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
				}
				if code := news.ErrorCode(err); code != news.EINVALID {
					t.Errorf("error code = %q, want %q", code, news.EINVALID)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q, %q): %v", tt.cron, tt.tz, err)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckInterval(t *testing.T) {
	tests := []struct {
		cron string
		min  time.Duration
		want string // substring of the error; "" when allowed
	}{
		{"* * * * *", time.Minute, ""},
		{"* * * * *", DefaultMinInterval, `"* * * * *" fires too often: this bot posts a channel's briefing at most every 5 minutes (SCHEDULE_MIN_INTERVAL)`},
		{"*/2 * * * *", DefaultMinInterval, "at most every 5 minutes"},
		{"*/2 * * * *", 2 * time.Minute, ""},
		{"*/5 * * * *", DefaultMinInterval, ""},
		{"*/15 9-17 * * *", DefaultMinInterval, ""},
		{"0,3 8 * * *", DefaultMinInterval, "too often"},
		{"0,58 8 * * *", DefaultMinInterval, ""},          // 58 minutes apart within one hour
		{"0,58 * * * *", DefaultMinInterval, "too often"}, // :58 to the next :00
		{"0,58 0,23 * * *", DefaultMinInterval, "too often"},
		{"0 * * * *", time.Hour, ""},
		{"0 * * * *", 90 * time.Second, ""},
		{"30 * * * *", 61 * time.Minute, "at most every 61 minutes"},
		{"0 */2 * * *", 2 * time.Hour, ""},
		{"0 */2 * * *", 3 * time.Hour, "at most every 3 hours"},
		{"0 8,20 * * *", 12 * time.Hour, ""},
		{"0 8,21 * * *", 12 * time.Hour, "too often"}, // 21:00 to 8:00 is 11 hours
		{"0 8 * * *", 24 * time.Hour, ""},
		{"@daily", 24 * time.Hour, ""},
		{"0 8 * * 1,2", 24 * time.Hour, ""},
		{"0 8,9 * * 1", 24 * time.Hour, "too often"},
		{"0 23 * * 1", 24 * time.Hour, ""},
		{"0 23 * * 1,2", 25 * time.Hour, "at most every 25 hours"},
		{"0 8 1,2 * *", 24 * time.Hour, ""},
	}
	for _, tt := range tests {
		err := MustParse(t, tt.cron, "Europe/Berlin").CheckInterval(tt.min)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q at most every %v: %v", tt.cron, tt.min, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q at most every %v: error %v, want %q", tt.cron, tt.min, err, tt.want)
		case err != nil && news.ErrorCode(err) != news.EINVALID:
			t.Errorf("%q: error code %q", tt.cron, news.ErrorCode(err))
		}
	}
}

func TestSpecNext(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	s := MustParse(t, "0 8 * * 1-5", "Europe/Berlin")
	if s.Location().String() != "Europe/Berlin" {
		t.Fatalf("Location() = %v, want Europe/Berlin", s.Location())
	}
	// Friday 2 January 2026, 12:00 UTC: the next weekday 8:00 is Monday.
	got := s.Next(time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC), 3)
	want := []time.Time{
		time.Date(2026, 1, 5, 8, 0, 0, 0, berlin),
		time.Date(2026, 1, 6, 8, 0, 0, 0, berlin),
		time.Date(2026, 1, 7, 8, 0, 0, 0, berlin),
	}
	if len(got) != len(want) {
		t.Fatalf("Next = %v, want %v", got, want)
	}
	for i := range want {
		if !got[i].Equal(want[i]) || got[i].Location().String() != "Europe/Berlin" {
			t.Errorf("Next[%d] = %v, want %v in Europe/Berlin", i, got[i], want[i])
		}
	}
	// Strictly after: a fire time itself is not returned.
	if got := s.Next(want[0], 1); !got[0].Equal(want[1]) {
		t.Errorf("Next(fire time) = %v, want %v", got[0], want[1])
	}
	if got := (Spec{}).Next(want[0], 1); len(got) != 0 {
		t.Errorf("zero Spec Next = %v, want none", got)
	}
}

// Europe/Berlin leaves 02:00-03:00 out on 29 March 2026 and repeats it on
// 25 October 2026. robfig/cron skips the missing 02:30 and fires the
// repeated one twice, once per offset; the scheduler inherits both.
func TestSpecDST(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	s := MustParse(t, "30 2 * * *", "Europe/Berlin")
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		after time.Time
		want  []time.Time
	}{
		{
			name:  "spring forward skips the day",
			after: time.Date(2026, 3, 27, 12, 0, 0, 0, berlin),
			want:  []time.Time{utc(3, 28, 1, 30), utc(3, 30, 0, 30)},
		},
		{
			name:  "fall back fires twice",
			after: time.Date(2026, 10, 24, 12, 0, 0, 0, berlin),
			want:  []time.Time{utc(10, 25, 0, 30), utc(10, 25, 1, 30), utc(10, 26, 1, 30)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Next(tt.after, len(tt.want))
			if len(got) != len(tt.want) {
				t.Fatalf("Next = %v, want %v", got, tt.want)
			}
			for i := range tt.want {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("Next[%d] = %v, want %v", i, got[i], tt.want[i].In(berlin))
				}
				// Prev agrees with Next on every fire time.
				if p := s.Prev(got[i]); !p.Equal(got[i]) {
					t.Errorf("Prev(%v) = %v, want itself", got[i], p)
				}
			}
		})
	}
	// A daily 8:00 moves from 7:00 to 6:00 UTC with summer time.
	daily := MustParse(t, "0 8 * * *", "Europe/Berlin")
	got := daily.Next(time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC), 2)
	if !got[0].Equal(utc(3, 29, 6, 0)) || !got[1].Equal(utc(3, 30, 6, 0)) {
		t.Errorf("daily 8:00 after spring forward = %v, want 06:00 UTC", got)
	}
}

func TestSpecPrev(t *testing.T) {
	at := func(y int, mo time.Month, d, h, m, s, ns int) time.Time {
		return time.Date(y, mo, d, h, m, s, ns, time.UTC)
	}
	tests := []struct {
		name, cron string
		at, want   time.Time
	}{
		{name: "exactly a fire time", cron: "0 8 * * *", at: at(2026, 6, 10, 8, 0, 0, 0), want: at(2026, 6, 10, 8, 0, 0, 0)},
		{name: "just before", cron: "0 8 * * *", at: at(2026, 6, 10, 7, 59, 59, 999), want: at(2026, 6, 9, 8, 0, 0, 0)},
		{name: "sub-second after", cron: "*/5 * * * *", at: at(2026, 6, 10, 8, 5, 0, 500), want: at(2026, 6, 10, 8, 5, 0, 0)},
		{name: "within the hour", cron: "*/5 * * * *", at: at(2026, 6, 10, 8, 7, 30, 0), want: at(2026, 6, 10, 8, 5, 0, 0)},
		{name: "weekdays over a weekend", cron: "0 8 * * 1-5", at: at(2026, 6, 14, 9, 0, 0, 0), want: at(2026, 6, 12, 8, 0, 0, 0)},
		{name: "yearly", cron: "@yearly", at: at(2026, 12, 31, 23, 0, 0, 0), want: at(2026, 1, 1, 0, 0, 0, 0)},
		{name: "leap day", cron: "0 9 29 2 *", at: at(2027, 6, 1, 0, 0, 0, 0), want: at(2024, 2, 29, 9, 0, 0, 0)},
		{name: "sparse but dense on its day", cron: "*/5 * 1 1 *", at: at(2026, 12, 31, 0, 0, 0, 0), want: at(2026, 1, 1, 23, 55, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustParse(t, tt.cron, "")
			if got := s.Prev(tt.at); !got.Equal(tt.want) {
				t.Errorf("Prev(%v) = %v, want %v", tt.at, got, tt.want)
			}
		})
	}
	if got := (Spec{}).Prev(time.Now()); !got.IsZero() {
		t.Errorf("zero Spec Prev = %v, want zero", got)
	}
}

// Prev and Next bracket every instant: Prev(t) <= t < Next(t).
func TestSpecPrevNextAgree(t *testing.T) {
	specs := []string{"0 8 * * 1-5", "*/5 * * * *", "15 */3 * * *", "@monthly", "30 2 * * *"}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range specs {
		s := MustParse(t, c, "Europe/Berlin")
		for i := range 200 {
			at := start.Add(time.Duration(i) * 97 * 47 * time.Minute / 7)
			p, n := s.Prev(at), s.Next(at, 1)[0]
			if p.After(at) || !n.After(at) {
				t.Fatalf("%s at %v: Prev %v, Next %v", c, at, p, n)
			}
			if next := s.Next(p, 1)[0]; !next.Equal(n) {
				t.Fatalf("%s at %v: Prev %v is not the fire time before Next %v (Next(Prev) = %v)", c, at, p, n, next)
			}
		}
	}
}
