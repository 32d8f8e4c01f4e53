package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// readEnvFile reads the .env file named by ENV_FILE, or ./.env when that
// exists. A missing default file is fine; a missing named one is an error.
func readEnvFile(getenv func(string) string) (map[string]string, error) {
	path, named := getenv("ENV_FILE"), true
	if path == "" {
		path, named = ".env", false
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config: ENV_FILE: %w", err)
	}
	env, err := parseEnv(data)
	if err != nil {
		return nil, fmt.Errorf("config: %s: %w", path, err)
	}
	return env, nil
}

// parseEnv reads KEY=VALUE lines: blank lines and # comments skipped, an
// optional "export " prefix, values optionally in single quotes (literal)
// or double quotes (Go escapes), unquoted values cut at " #".
func parseEnv(data []byte) (map[string]string, error) {
	env := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		key, val, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return nil, fmt.Errorf("line %d: want KEY=VALUE", n)
		}
		val = strings.TrimSpace(val)
		switch {
		case len(val) >= 2 && val[0] == '\'' && val[len(val)-1] == '\'':
			val = val[1 : len(val)-1]
		case len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"':
			v, err := strconv.Unquote(val)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s: bad double-quoted value", n, key)
			}
			val = v
		default:
			if i := strings.Index(val, " #"); i >= 0 {
				val = strings.TrimSpace(val[:i])
			}
		}
		env[key] = val
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return env, nil
}

// readSecretFile returns a secret file's contents without the trailing
// newline that editors and `echo` add.
func readSecretFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	v := strings.TrimRight(string(data), "\r\n")
	if v == "" {
		return "", fmt.Errorf("%s is empty", path)
	}
	return v, nil
}
