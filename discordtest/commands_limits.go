package discordtest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Command limits the spec cannot express or leaves out.
var (
	// commandNameRE is Discord's documented CHAT_INPUT name pattern (Unicode letters and
	// numbers, '-', '_' and '\''); lowercase is checked separately.
	commandNameRE = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)
)

const (
	maxChatCommands  = 100
	maxOptions       = 25
	maxChoices       = 25
	maxDescription   = 100
	maxChoiceName    = 100
	maxChoiceValue   = 100
	optionSubCommand = 1
	optionGroup      = 2
	commandChatInput = 1
)

func checkCommands(errs *fieldErrors, doc any) {
	cmds := asSlice(doc)
	chat := 0
	seen := map[string]bool{}
	for i, c := range cmds {
		p := join("", i)
		cm := asMap(c)
		t, ok := asInt(cm["type"])
		if !ok {
			t = commandChatInput
		}
		name := asString(cm["name"])
		key := string(rune('0'+t)) + name
		if seen[key] {
			errs.add(join(p, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique (%q).", name)
		}
		seen[key] = true
		if t != commandChatInput {
			if n := utf8.RuneCountInString(name); n < 1 || n > 32 {
				errs.add(join(p, "name"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")
			}
			if asString(cm["description"]) != "" {
				errs.add(join(p, "description"), "APPLICATION_COMMAND_DESCRIPTION_INVALID", "User and message commands take no description.")
			}
			continue
		}
		chat++
		checkNameDesc(errs, p, cm)
		checkOptions(errs, join(p, "options"), asSlice(cm["options"]), 0)
	}
	if chat > maxChatCommands {
		errs.add("", "APPLICATION_COMMANDS_TOO_MANY", "Maximum number of application commands reached (%d).", maxChatCommands)
	}
}

func checkNameDesc(errs *fieldErrors, path string, m map[string]any) {
	name := asString(m["name"])
	if !commandNameRE.MatchString(name) || strings.ToLower(name) != name {
		errs.add(join(path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid (%q): lowercase, 1-32 of letters, numbers, '-', '_' or '''.", name)
	}
	if n := utf8.RuneCountInString(asString(m["description"])); n < 1 || n > maxDescription {
		errs.add(join(path, "description"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length (got %d).", maxDescription, n)
	}
	for _, field := range []string{"name_localizations", "description_localizations"} {
		for locale, v := range asMap(m[field]) {
			p := join(join(path, field), locale)
			if _, ok := discordgo.Locales[discordgo.Locale(locale)]; !ok {
				errs.add(p, "LOCALE_INVALID", "Invalid locale %q.", locale)
			}
			n, limit := utf8.RuneCountInString(asString(v)), maxDescription
			if field == "name_localizations" {
				limit = 32
			}
			if n < 1 || n > limit {
				errs.add(p, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length (got %d).", limit, n)
			}
		}
	}
}

// checkOptions checks one level of options; depth counts subcommand nesting.
func checkOptions(errs *fieldErrors, path string, opts []any, depth int) {
	if len(opts) > maxOptions {
		errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxOptions, len(opts))
	}
	optional, subs, others := false, 0, 0
	names := map[string]bool{}
	for i, o := range opts {
		p := join(path, i)
		om := asMap(o)
		checkNameDesc(errs, p, om)
		name := asString(om["name"])
		if names[name] {
			errs.add(join(p, "name"), "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option names must be unique (%q).", name)
		}
		names[name] = true
		t, _ := asInt(om["type"])
		switch t {
		case optionSubCommand, optionGroup:
			subs++
			if depth > 1 || depth == 1 && t == optionGroup {
				errs.add(join(p, "type"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Subcommands nest at most as command > group > subcommand.")
			}
			checkOptions(errs, join(p, "options"), asSlice(om["options"]), depth+1)
			continue
		}
		others++
		required, _ := om["required"].(bool)
		if required && optional {
			errs.add(join(p, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options.")
		}
		optional = optional || !required
		choices := asSlice(om["choices"])
		if auto, _ := om["autocomplete"].(bool); auto && len(choices) > 0 {
			errs.add(join(p, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "Autocomplete cannot be set with choices.")
		}
		checkChoices(errs, join(p, "choices"), choices)
	}
	if subs > 0 && others > 0 {
		errs.add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Subcommands and groups cannot be mixed with other options.")
	}
}

func checkChoices(errs *fieldErrors, path string, choices []any) {
	if len(choices) > maxChoices {
		errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length (got %d).", maxChoices, len(choices))
	}
	for i, c := range choices {
		cm := asMap(c)
		if n := utf8.RuneCountInString(asString(cm["name"])); n < 1 || n > maxChoiceName {
			errs.add(join(join(path, i), "name"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length (got %d).", maxChoiceName, n)
		}
		if v, ok := cm["value"].(string); ok && utf8.RuneCountInString(v) > maxChoiceValue {
			errs.add(join(join(path, i), "value"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxChoiceValue)
		}
	}
}
