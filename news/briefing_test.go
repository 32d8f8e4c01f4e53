package news

import "testing"

func TestLeftOutString(t *testing.T) {
	tests := []struct {
		l    LeftOut
		want string
	}{
		{LeftOut{}, ""},
		{LeftOut{Stories: 1, Articles: 1}, "1 more story (1 article) not shown"},
		{LeftOut{Stories: 3, Articles: 7, Duplicates: 1}, "3 more stories (7 articles) not shown; 1 syndicated copy merged"},
		{LeftOut{Filtered: 2, Backfill: 5}, "2 articles filtered out; 5 back-catalogue items skipped"},
	}
	for _, tt := range tests {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.l, got, tt.want)
		}
	}
}
