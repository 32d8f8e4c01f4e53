package discordtest

import (
	"encoding/json"
	"strconv"
)

// normalise rewrites, before spec validation only, what discordgo v0.29.0 sends in a form the
// spec does not accept although Discord does. Each rule is a genuine discordgo-vs-spec
// mismatch, found by running discordgo against the spec; the body the handlers see is the
// original.
//
//   - default_member_permissions: discordgo's ApplicationCommand tags it `json:",string"`;
//     Discord accepts the string (its docs type it as a string), the spec says integer.
func normalise(kind bodyKind, doc any) (any, bool) {
	changed := false
	if kind == kindCommands {
		for _, c := range asSlice(doc) {
			cm := asMap(c)
			s, ok := cm["default_member_permissions"].(string)
			if _, err := strconv.ParseInt(s, 10, 64); ok && err == nil {
				cm["default_member_permissions"] = json.Number(s)
				changed = true
			}
		}
	}
	return doc, changed
}
