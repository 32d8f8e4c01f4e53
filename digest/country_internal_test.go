package digest

import "testing"

func TestCountry(t *testing.T) {
	tests := []struct {
		host, want string
	}{
		{"bbc.co.uk", "uk"},
		{"lemonde.fr", "fr"},
		{"apnews.com", ""},
		{"techcrunch.io", ""}, // a country code sold as a generic domain
		{"example.tv", ""},
		{"localhost", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := country(tt.host); got != tt.want {
			t.Errorf("country(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}
