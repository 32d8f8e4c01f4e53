package ingest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/ingest"
)

func TestIsTeaser(t *testing.T) {
	long := strings.Repeat("A full paragraph of the article text goes here. ", 20)
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"short", "The board approved the tram line.", true},
		{"long", long, false},
		{"long with ellipsis", long + "and then…", true},
		{"long with dots", long + "and then...", true},
		{"read more", long + "Read more »", true},
		{"continue reading", long + "[Continue reading →]", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ingest.IsTeaser(tt.text); got != tt.want {
				t.Errorf("IsTeaser = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		name       string
		interval   time.Duration
		failures   int
		retryAfter time.Duration
		want       time.Duration
	}{
		{"first failure", 30 * time.Minute, 1, 0, 30 * time.Minute},
		{"doubles", 30 * time.Minute, 4, 0, 4 * time.Hour},
		{"capped", 30 * time.Minute, 10, 0, 24 * time.Hour},
		{"capped without overflow", time.Hour, 200, 0, 24 * time.Hour},
		{"retry-after longer", 30 * time.Minute, 1, 3 * time.Hour, 3 * time.Hour},
		{"retry-after shorter", 30 * time.Minute, 2, time.Minute, time.Hour},
		{"retry-after capped", 30 * time.Minute, 1, 100 * 365 * 24 * time.Hour, 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ingest.Backoff(tt.interval, tt.failures, tt.retryAfter); got != tt.want {
				t.Errorf("Backoff = %v, want %v", got, tt.want)
			}
		})
	}
}
