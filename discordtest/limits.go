package discordtest

import (
	"strings"
	"unicode/utf8"
)

// Discord's documented message limits; the spec misses some (it allows 4000-character content
// on create) and cannot express others (the 6000-character embed total).
const (
	maxContent         = 2000
	maxEmbeds          = 10
	maxEmbedTitle      = 256
	maxEmbedDesc       = 4096
	maxEmbedFields     = 25
	maxFieldName       = 256
	maxFieldValue      = 1024
	maxFooter          = 2048
	maxAuthorName      = 256
	maxEmbedTotal      = 6000
	maxRows            = 5
	maxButtonsPerRow   = 5
	maxButtonLabel     = 80
	maxCustomID        = 100
	maxSelectOptions   = 25
	flagComponentsV2   = 1 << 15
	componentActionRow = 1
	componentButton    = 2
	buttonStyleLink    = 5
	buttonStylePremium = 6
)

// checkMessage checks a message body (create or edit) and reports, for a create, whether it
// would be empty.
func checkMessage(errs *fieldErrors, path string, m map[string]any, create bool, files int) (empty bool) {
	if m == nil {
		return create && files == 0
	}
	content := asString(m["content"])
	if n := utf8.RuneCountInString(content); n > maxContent {
		errs.add(join(path, "content"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxContent, n)
	}
	embeds := asSlice(m["embeds"])
	checkEmbeds(errs, join(path, "embeds"), embeds)
	flags, _ := asInt(m["flags"])
	components := asSlice(m["components"])
	checkComponents(errs, join(path, "components"), components, flags&flagComponentsV2 != 0)
	if !create {
		return false
	}
	return strings.TrimSpace(content) == "" && len(embeds) == 0 && len(components) == 0 &&
		len(asSlice(m["sticker_ids"])) == 0 && m["poll"] == nil && files == 0 &&
		len(asSlice(m["attachments"])) == 0
}

func checkEmbeds(errs *fieldErrors, path string, embeds []any) {
	if len(embeds) > maxEmbeds {
		errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxEmbeds, len(embeds))
	}
	total := 0
	text := func(p string, v any, limit int) {
		n := utf8.RuneCountInString(asString(v))
		total += n
		if n > limit {
			errs.add(p, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", limit, n)
		}
	}
	for i, e := range embeds {
		ep := join(path, i)
		em := asMap(e)
		text(join(ep, "title"), em["title"], maxEmbedTitle)
		text(join(ep, "description"), em["description"], maxEmbedDesc)
		text(join(ep, "footer.text"), asMap(em["footer"])["text"], maxFooter)
		text(join(ep, "author.name"), asMap(em["author"])["name"], maxAuthorName)
		fields := asSlice(em["fields"])
		if len(fields) > maxEmbedFields {
			errs.add(join(ep, "fields"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxEmbedFields, len(fields))
		}
		for j, f := range fields {
			fp := join(join(ep, "fields"), j)
			fm := asMap(f)
			for _, k := range []string{"name", "value"} {
				if strings.TrimSpace(asString(fm[k])) == "" {
					errs.add(join(fp, k), "BASE_TYPE_REQUIRED", "This field is required")
				}
			}
			text(join(fp, "name"), fm["name"], maxFieldName)
			text(join(fp, "value"), fm["value"], maxFieldValue)
		}
	}
	if total > maxEmbedTotal {
		errs.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of %d (got %d).", maxEmbedTotal, total)
	}
}

func checkComponents(errs *fieldErrors, path string, rows []any, v2 bool) {
	if !v2 && len(rows) > maxRows {
		errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxRows, len(rows))
	}
	seen := map[string]bool{}
	for i, r := range rows {
		rp := join(path, i)
		row := asMap(r)
		if t, _ := asInt(row["type"]); t != componentActionRow {
			if !v2 {
				errs.add(join(rp, "type"), "UNION_TYPE_CHOICES", "Top-level components must be action rows (type 1) without the IS_COMPONENTS_V2 flag.")
			}
			continue
		}
		children := asSlice(row["components"])
		if len(children) == 0 {
			errs.add(join(rp, "components"), "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.")
		}
		buttons, selects := 0, 0
		for j, c := range children {
			cp := join(join(rp, "components"), j)
			cm := asMap(c)
			t, _ := asInt(cm["type"])
			if t == componentButton {
				buttons++
				checkButton(errs, cp, cm)
			} else {
				selects++
				checkSelect(errs, cp, cm)
			}
			if id := asString(cm["custom_id"]); id != "" {
				if seen[id] {
					errs.add(join(cp, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
				}
				seen[id] = true
			}
		}
		if buttons > maxButtonsPerRow || selects > 1 || buttons > 0 && selects > 0 {
			errs.add(join(rp, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "An action row holds up to %d buttons or one select menu.", maxButtonsPerRow)
		}
	}
}

func checkButton(errs *fieldErrors, path string, b map[string]any) {
	if n := utf8.RuneCountInString(asString(b["label"])); n > maxButtonLabel {
		errs.add(join(path, "label"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxButtonLabel, n)
	}
	style, _ := asInt(b["style"])
	id, url := asString(b["custom_id"]), asString(b["url"])
	switch {
	case style == buttonStyleLink && (url == "" || id != ""):
		errs.add(path, "BUTTON_COMPONENT_URL_REQUIRED", "A link button needs a url and no custom_id.")
	case style != buttonStyleLink && style != buttonStylePremium && (id == "" || url != ""):
		errs.add(join(path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A non-link button needs a custom_id and no url.")
	}
	checkCustomID(errs, path, id)
}

func checkSelect(errs *fieldErrors, path string, m map[string]any) {
	id := asString(m["custom_id"])
	if id == "" {
		errs.add(join(path, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
	}
	checkCustomID(errs, path, id)
	if opts := asSlice(m["options"]); len(opts) > maxSelectOptions {
		errs.add(join(path, "options"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxSelectOptions, len(opts))
	}
}

func checkCustomID(errs *fieldErrors, path, id string) {
	if n := utf8.RuneCountInString(id); n > maxCustomID {
		errs.add(join(path, "custom_id"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxCustomID, n)
	}
}

// checkCallback checks an interaction callback and reports whether a message-bearing one
// (type 4) would be empty.
func checkCallback(errs *fieldErrors, doc map[string]any, files int) (empty bool) {
	t, _ := asInt(doc["type"])
	data := asMap(doc["data"])
	switch t {
	case 4:
		return checkMessage(errs, "data", data, true, files)
	case 7:
		checkMessage(errs, "data", data, false, files)
	case 8:
		checkChoices(errs, "data.choices", asSlice(data["choices"]))
	}
	return false
}
