// Package deploy_test checks the deployment files in this directory with
// what can run without Docker, a cluster or systemd: every YAML file parses,
// the manifests say what the deployment needs (kinds, shards, probes,
// non-root containers), the Dockerfile builds a static binary onto a
// non-root distroless image, the systemd unit has what it needs to start and
// restart, and a CGO_ENABLED=0 build of ./cmd/newsbrief really is static.
package deploy_test

import (
	"bufio"
	"bytes"
	"debug/elf"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// yamlDocs parses every document of a YAML file into a generic value,
// failing the test on a syntax error. Empty documents are dropped.
func yamlDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []map[string]any
	for i := 0; ; i++ {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: document %d: %v", path, i+1, err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
}

// decodeInto re-decodes a generic document into a typed value.
func decodeInto(t *testing.T, doc map[string]any, v any) {
	t.Helper()
	b, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func TestYAMLFilesParse(t *testing.T) {
	n := 0
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			n++
			if docs := yamlDocs(t, path); len(docs) == 0 {
				t.Errorf("%s: no YAML documents", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 6 { // docker-compose.yml and the five Kubernetes files
		t.Errorf("found %d YAML files, want at least 6", n)
	}
}

// Kubernetes objects, as far as the checks need them.
type (
	k8sObject struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Metadata   struct {
			Name      string            `yaml:"name"`
			Namespace string            `yaml:"namespace"`
			Labels    map[string]string `yaml:"labels"`
		} `yaml:"metadata"`
	}
	probe struct {
		HTTPGet *struct {
			Path string `yaml:"path"`
			Port any    `yaml:"port"`
		} `yaml:"httpGet"`
	}
	container struct {
		Name  string   `yaml:"name"`
		Image string   `yaml:"image"`
		Args  []string `yaml:"args"`
		Env   []struct {
			Name      string `yaml:"name"`
			Value     string `yaml:"value"`
			ValueFrom *struct {
				FieldRef *struct {
					FieldPath string `yaml:"fieldPath"`
				} `yaml:"fieldRef"`
			} `yaml:"valueFrom"`
		} `yaml:"env"`
		EnvFrom []struct {
			ConfigMapRef *struct {
				Name string `yaml:"name"`
			} `yaml:"configMapRef"`
			SecretRef *struct {
				Name string `yaml:"name"`
			} `yaml:"secretRef"`
		} `yaml:"envFrom"`
		Ports []struct {
			Name          string `yaml:"name"`
			ContainerPort int    `yaml:"containerPort"`
		} `yaml:"ports"`
		LivenessProbe  *probe `yaml:"livenessProbe"`
		ReadinessProbe *probe `yaml:"readinessProbe"`
		Resources      struct {
			Requests map[string]string `yaml:"requests"`
			Limits   map[string]string `yaml:"limits"`
		} `yaml:"resources"`
		SecurityContext *struct {
			RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
			AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
			ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
			Capabilities             struct {
				Drop []string `yaml:"drop"`
			} `yaml:"capabilities"`
		} `yaml:"securityContext"`
	}
	statefulSet struct {
		Spec struct {
			ServiceName string `yaml:"serviceName"`
			Replicas    int    `yaml:"replicas"`
			Selector    struct {
				MatchLabels map[string]string `yaml:"matchLabels"`
			} `yaml:"selector"`
			Template struct {
				Metadata struct {
					Labels map[string]string `yaml:"labels"`
				} `yaml:"metadata"`
				Spec struct {
					SecurityContext *struct {
						RunAsNonRoot *bool `yaml:"runAsNonRoot"`
						RunAsUser    *int  `yaml:"runAsUser"`
					} `yaml:"securityContext"`
					Containers []container `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	service struct {
		Spec struct {
			ClusterIP string            `yaml:"clusterIP"`
			Selector  map[string]string `yaml:"selector"`
			Ports     []struct {
				Port       int `yaml:"port"`
				TargetPort any `yaml:"targetPort"`
			} `yaml:"ports"`
		} `yaml:"spec"`
	}
	keyValues struct {
		Data       map[string]string `yaml:"data"`
		StringData map[string]string `yaml:"stringData"`
	}
)

// kubernetesObjects reads the files kustomization.yaml lists, checks that it
// lists every manifest in the directory, and returns the objects by kind.
func kubernetesObjects(t *testing.T) map[string][]map[string]any {
	t.Helper()
	dir := "kubernetes"
	kdocs := yamlDocs(t, filepath.Join(dir, "kustomization.yaml"))
	if len(kdocs) != 1 {
		t.Fatalf("kustomization.yaml: %d documents, want 1", len(kdocs))
	}
	var k struct {
		Kind      string   `yaml:"kind"`
		Namespace string   `yaml:"namespace"`
		Resources []string `yaml:"resources"`
	}
	decodeInto(t, kdocs[0], &k)
	if k.Kind != "Kustomization" {
		t.Errorf("kustomization.yaml: kind %q, want Kustomization", k.Kind)
	}
	if k.Namespace != "" {
		t.Errorf("kustomization.yaml pins namespace %q; the base should be namespace-agnostic", k.Namespace)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if base := filepath.Base(f); base != "kustomization.yaml" && !slices.Contains(k.Resources, base) {
			t.Errorf("kustomization.yaml does not list %s", base)
		}
	}

	byKind := map[string][]map[string]any{}
	for _, r := range k.Resources {
		for _, doc := range yamlDocs(t, filepath.Join(dir, r)) {
			var o k8sObject
			decodeInto(t, doc, &o)
			if o.APIVersion == "" || o.Kind == "" || o.Metadata.Name == "" {
				t.Errorf("%s: object without apiVersion, kind or metadata.name: %v", r, doc)
			}
			if o.Metadata.Namespace != "" {
				t.Errorf("%s: %s/%s pins namespace %q", r, o.Kind, o.Metadata.Name, o.Metadata.Namespace)
			}
			byKind[o.Kind] = append(byKind[o.Kind], doc)
		}
	}
	return byKind
}

func TestKubernetes(t *testing.T) {
	objs := kubernetesObjects(t)
	for _, kind := range []string{"Secret", "ConfigMap", "StatefulSet", "Service"} {
		if len(objs[kind]) != 1 {
			t.Fatalf("%d objects of kind %s, want 1 (have %v)", len(objs[kind]), kind, slices.Sorted(maps.Keys(objs)))
		}
	}

	var secret, config keyValues
	decodeInto(t, objs["Secret"][0], &secret)
	decodeInto(t, objs["ConfigMap"][0], &config)
	secretKeys := mergeKeys(secret.Data, secret.StringData)
	for _, name := range []string{"DISCORD_TOKEN", "LLM_API_KEY", "DATABASE_URL"} {
		if _, ok := secretKeys[name]; !ok {
			t.Errorf("Secret has no %s", name)
		}
		if _, ok := config.Data[name]; ok {
			t.Errorf("ConfigMap holds the secret %s", name)
		}
	}
	if u := secretKeys["DATABASE_URL"]; !strings.HasPrefix(u, "postgres://") {
		t.Errorf("Secret DATABASE_URL = %q, want a postgres:// URL shared by the shards", u)
	}
	if got := config.Data["HTTP_ADDR"]; got != ":8080" {
		t.Errorf("ConfigMap HTTP_ADDR = %q, want :8080 (the probes need the ops listener)", got)
	}
	if _, ok := config.Data["SHARD_ID"]; ok {
		t.Error("ConfigMap sets SHARD_ID; each pod must take its own from its ordinal")
	}

	var sts statefulSet
	decodeInto(t, objs["StatefulSet"][0], &sts)
	spec := sts.Spec
	if spec.Replicas != 2 {
		t.Errorf("StatefulSet replicas = %d, want 2", spec.Replicas)
	}
	if got, _ := strconv.Atoi(config.Data["SHARD_COUNT"]); got != spec.Replicas {
		t.Errorf("ConfigMap SHARD_COUNT = %q, want the StatefulSet's replicas (%d)", config.Data["SHARD_COUNT"], spec.Replicas)
	}
	for k, v := range spec.Selector.MatchLabels {
		if spec.Template.Metadata.Labels[k] != v {
			t.Errorf("StatefulSet selector %s=%s does not match the pod template's labels", k, v)
		}
	}
	if ps := spec.Template.Spec.SecurityContext; ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot {
		t.Error("pod securityContext.runAsNonRoot is not true")
	} else if ps.RunAsUser != nil && *ps.RunAsUser == 0 {
		t.Error("pod securityContext.runAsUser is 0")
	}
	if len(spec.Template.Spec.Containers) != 1 {
		t.Fatalf("StatefulSet has %d containers, want 1", len(spec.Template.Spec.Containers))
	}
	c := spec.Template.Spec.Containers[0]

	// SHARD_ID from the pod ordinal, through the downward API.
	shardFromOrdinal := false
	for _, e := range c.Env {
		if e.Name == "SHARD_ID" && e.ValueFrom != nil && e.ValueFrom.FieldRef != nil &&
			e.ValueFrom.FieldRef.FieldPath == "metadata.labels['apps.kubernetes.io/pod-index']" {
			shardFromOrdinal = true
		}
	}
	if !shardFromOrdinal {
		t.Error("container env SHARD_ID does not come from metadata.labels['apps.kubernetes.io/pod-index']")
	}
	var fromConfig, fromSecret bool
	for _, ef := range c.EnvFrom {
		fromConfig = fromConfig || ef.ConfigMapRef != nil && ef.ConfigMapRef.Name == "newsbrief"
		fromSecret = fromSecret || ef.SecretRef != nil && ef.SecretRef.Name == "newsbrief"
	}
	if !fromConfig || !fromSecret {
		t.Errorf("container envFrom: ConfigMap newsbrief %v, Secret newsbrief %v; want both", fromConfig, fromSecret)
	}

	// Probes on the ops listener.
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	checkProbe := func(what string, p *probe, path string) {
		t.Helper()
		if p == nil || p.HTTPGet == nil {
			t.Errorf("%s: no httpGet probe", what)
			return
		}
		if p.HTTPGet.Path != path {
			t.Errorf("%s path = %q, want %q", what, p.HTTPGet.Path, path)
		}
		if port := resolvePort(p.HTTPGet.Port, ports); port != 8080 {
			t.Errorf("%s port %v is %d, want 8080", what, p.HTTPGet.Port, port)
		}
	}
	checkProbe("readinessProbe", c.ReadinessProbe, "/readyz")
	checkProbe("livenessProbe", c.LivenessProbe, "/healthz")
	if c.Resources.Requests["cpu"] == "" || c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" {
		t.Errorf("container resources %+v: want cpu and memory requests and a memory limit", c.Resources)
	}

	sc := c.SecurityContext
	switch {
	case sc == nil:
		t.Error("container has no securityContext")
	default:
		if sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
			t.Error("container securityContext.runAsNonRoot is not true")
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			t.Error("container securityContext.readOnlyRootFilesystem is not true")
		}
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			t.Error("container securityContext.allowPrivilegeEscalation is not false")
		}
		if !slices.Contains(sc.Capabilities.Drop, "ALL") {
			t.Errorf("container capabilities.drop = %v, want ALL", sc.Capabilities.Drop)
		}
	}

	// The headless Service the StatefulSet names.
	var svcObj k8sObject
	var svc service
	decodeInto(t, objs["Service"][0], &svcObj)
	decodeInto(t, objs["Service"][0], &svc)
	if svcObj.Metadata.Name != spec.ServiceName {
		t.Errorf("Service %q is not the StatefulSet's serviceName %q", svcObj.Metadata.Name, spec.ServiceName)
	}
	if svc.Spec.ClusterIP != "None" {
		t.Errorf("Service clusterIP = %q, want None (headless)", svc.Spec.ClusterIP)
	}
	if len(svc.Spec.Selector) == 0 {
		t.Error("Service has no selector")
	}
	for k, v := range svc.Spec.Selector {
		if spec.Template.Metadata.Labels[k] != v {
			t.Errorf("Service selector %s=%s does not match the pods", k, v)
		}
	}
	if len(svc.Spec.Ports) == 0 || resolvePort(svc.Spec.Ports[0].TargetPort, ports) != 8080 {
		t.Errorf("Service ports %+v: want one targeting the container's 8080", svc.Spec.Ports)
	}
}

// resolvePort turns a probe or Service port (number or container port name)
// into a number; 0 if it names no port.
func resolvePort(p any, named map[string]int) int {
	switch p := p.(type) {
	case int:
		return p
	case string:
		if n, err := strconv.Atoi(p); err == nil {
			return n
		}
		return named[p]
	}
	return 0
}

func mergeKeys(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func TestCompose(t *testing.T) {
	docs := yamlDocs(t, "docker-compose.yml")
	if len(docs) != 1 {
		t.Fatalf("docker-compose.yml: %d documents, want 1", len(docs))
	}
	type svc struct {
		Image string `yaml:"image"`
		Build *struct {
			Context    string `yaml:"context"`
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"build"`
		EnvFile     any               `yaml:"env_file"`
		Environment map[string]string `yaml:"environment"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Restart     string `yaml:"restart"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	}
	var compose struct {
		Services map[string]svc `yaml:"services"`
	}
	// The generic decode has already resolved the x-bot anchor and merge keys.
	decodeInto(t, docs[0], &compose)

	pg, ok := compose.Services["postgres"]
	if !ok {
		t.Fatal("no postgres service")
	}
	if !strings.HasPrefix(pg.Image, "postgres:16") {
		t.Errorf("postgres image = %q, want postgres:16", pg.Image)
	}
	if pg.Healthcheck == nil || !strings.Contains(strings.Join(pg.Healthcheck.Test, " "), "pg_isready") {
		t.Error("postgres has no pg_isready healthcheck")
	}

	var bots []string
	for name := range compose.Services {
		if strings.HasPrefix(name, "bot") {
			bots = append(bots, name)
		}
	}
	slices.Sort(bots)
	if !slices.Equal(bots, []string{"bot1", "bot2"}) {
		t.Fatalf("bot services %v, want [bot1 bot2]", bots)
	}
	shardIDs := map[string]string{}
	for _, name := range bots {
		s := compose.Services[name]
		env := s.Environment
		if s.Build == nil || s.Build.Context != ".." || s.Build.Dockerfile != "deploy/Dockerfile" {
			t.Errorf("%s: build %+v, want context .. and dockerfile deploy/Dockerfile", name, s.Build)
		} else if _, err := os.Stat(filepath.Join(s.Build.Context, s.Build.Dockerfile)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if s.EnvFile != "../.env" {
			t.Errorf("%s: env_file = %v, want ../.env", name, s.EnvFile)
		}
		if !strings.HasPrefix(env["DATABASE_URL"], "postgres://") || !strings.Contains(env["DATABASE_URL"], "@postgres:5432/") {
			t.Errorf("%s: DATABASE_URL = %q, want postgres://…@postgres:5432/…", name, env["DATABASE_URL"])
		}
		if env["SHARD_COUNT"] != "2" {
			t.Errorf("%s: SHARD_COUNT = %q, want 2", name, env["SHARD_COUNT"])
		}
		if env["HTTP_ADDR"] != ":8080" {
			t.Errorf("%s: HTTP_ADDR = %q, want :8080", name, env["HTTP_ADDR"])
		}
		if other, dup := shardIDs[env["SHARD_ID"]]; dup {
			t.Errorf("%s and %s both have SHARD_ID %q", other, name, env["SHARD_ID"])
		}
		shardIDs[env["SHARD_ID"]] = name
		if s.DependsOn["postgres"].Condition != "service_healthy" {
			t.Errorf("%s: depends_on postgres %+v, want condition service_healthy", name, s.DependsOn["postgres"])
		}
		if s.Restart != "unless-stopped" {
			t.Errorf("%s: restart = %q, want unless-stopped", name, s.Restart)
		}
		if s.Healthcheck != nil && !slices.Contains(s.Healthcheck.Test, "/newsbrief") {
			// The image is distroless: only the binary itself can probe.
			t.Errorf("%s: healthcheck %v cannot run in a distroless image", name, s.Healthcheck.Test)
		}
	}
	if _, ok0 := shardIDs["0"]; !ok0 || len(shardIDs) != 2 || shardIDs["1"] == "" {
		t.Errorf("SHARD_IDs %v, want 0 and 1", slices.Sorted(maps.Keys(shardIDs)))
	}
}

// dockerInstruction is one Dockerfile instruction with its continuation
// lines joined.
type dockerInstruction struct {
	cmd, args string
	line      int
}

func parseDockerfile(t *testing.T, path string) []dockerInstruction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []dockerInstruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue // comments (parser directives too) and blank lines
		}
		if cur.Len() == 0 {
			start = n
		}
		cont := strings.HasSuffix(line, "\\")
		cur.WriteString(strings.TrimSuffix(line, "\\"))
		cur.WriteByte(' ')
		if cont {
			continue
		}
		text := strings.TrimSpace(cur.String())
		cur.Reset()
		cmd, args, _ := strings.Cut(text, " ")
		out = append(out, dockerInstruction{strings.ToUpper(cmd), strings.TrimSpace(args), start})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDockerfile(t *testing.T) {
	instrs := parseDockerfile(t, "Dockerfile")
	var froms []int
	for i, in := range instrs {
		if in.cmd == "FROM" {
			froms = append(froms, i)
		}
	}
	if len(froms) < 2 {
		t.Fatalf("%d FROM instructions, want a multi-stage build", len(froms))
	}
	build, final := instrs[froms[0]:froms[len(froms)-1]], instrs[froms[len(froms)-1]:]

	if !strings.Contains(build[0].args, "golang:") {
		t.Errorf("builder stage FROM %s, want a golang image", build[0].args)
	}
	goBuild := regexp.MustCompile(`(^|\s)go build\s`)
	found := false
	for _, in := range build {
		if in.cmd == "RUN" && goBuild.MatchString(in.args) {
			found = true
			for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "-X main.version=", "./cmd/newsbrief"} {
				if !strings.Contains(in.args, want) {
					t.Errorf("line %d: go build without %s: %s", in.line, want, in.args)
				}
			}
		}
	}
	if !found {
		t.Error("builder stage runs no go build")
	}

	finalImage := strings.Fields(final[0].args)[0]
	if !strings.HasPrefix(finalImage, "gcr.io/distroless/static") || !strings.HasSuffix(finalImage, ":nonroot") {
		t.Errorf("final image %s, want gcr.io/distroless/static…:nonroot", finalImage)
	}
	got := map[string][]string{}
	for _, in := range final[1:] {
		got[in.cmd] = append(got[in.cmd], in.args)
	}
	last := func(cmd string) string {
		if v := got[cmd]; len(v) > 0 {
			return v[len(v)-1]
		}
		return ""
	}
	if u := last("USER"); u == "" || u == "root" || u == "0" || strings.HasPrefix(u, "0:") || strings.HasPrefix(u, "root:") {
		t.Errorf("final stage USER %q, want a non-root user", u)
	}
	if e := last("ENTRYPOINT"); e != `["/newsbrief"]` {
		t.Errorf("ENTRYPOINT %s, want [\"/newsbrief\"]", e)
	}
	if c := last("CMD"); c != `["run"]` {
		t.Errorf("CMD %s, want [\"run\"]", c)
	}
	if !slices.ContainsFunc(got["EXPOSE"], func(s string) bool { return slices.Contains(strings.Fields(s), "8080") }) {
		t.Errorf("EXPOSE %v, want 8080", got["EXPOSE"])
	}
	if !slices.ContainsFunc(got["VOLUME"], func(s string) bool { return strings.Contains(s, "/data") }) {
		t.Errorf("VOLUME %v, want /data", got["VOLUME"])
	}
	if !slices.ContainsFunc(got["ENV"], func(s string) bool { return strings.Contains(s, "DATABASE_URL=/data/") }) {
		t.Errorf("ENV %v, want DATABASE_URL=/data/…", got["ENV"])
	}
	// distroless/static has no shell: a shell-form HEALTHCHECK or one that
	// calls curl/wget would mark every container unhealthy.
	for _, h := range got["HEALTHCHECK"] {
		if !strings.Contains(h, `CMD ["/newsbrief"`) && !strings.HasPrefix(h, "NONE") {
			t.Errorf("HEALTHCHECK %s cannot run in distroless; use the binary in exec form", h)
		}
	}

	// The build context is the repository: its ignore file must keep
	// secrets and the VCS out.
	ignore, err := os.ReadFile("Dockerfile.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(ignore), "\n")
	for _, want := range []string{".git", ".env"} {
		if !slices.Contains(lines, want) {
			t.Errorf("Dockerfile.dockerignore does not exclude %s", want)
		}
	}
	for _, keep := range []string{"go.mod", "go.sum", "cmd", "*.go", "**/*.go", "store"} {
		if slices.Contains(lines, keep) {
			t.Errorf("Dockerfile.dockerignore excludes %s, which the build needs", keep)
		}
	}
}

// parseUnit reads a systemd unit into section → key → values (keys repeat).
func parseUnit(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	unit := map[string]map[string][]string{}
	section := ""
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			if unit[section] == nil {
				unit[section] = map[string][]string{}
			}
		default:
			key, value, ok := strings.Cut(line, "=")
			if !ok || section == "" || strings.HasSuffix(line, "\\") {
				t.Fatalf("%s:%d: not a key=value line in a section: %q", path, n+1, line)
			}
			unit[section][strings.TrimSpace(key)] = append(unit[section][strings.TrimSpace(key)], strings.TrimSpace(value))
		}
	}
	return unit
}

func TestSystemdUnit(t *testing.T) {
	unit := parseUnit(t, filepath.Join("systemd", "newsbrief.service"))
	for _, s := range []string{"Unit", "Service", "Install"} {
		if unit[s] == nil {
			t.Fatalf("no [%s] section", s)
		}
	}
	svc := unit["Service"]
	want := map[string]string{
		"ExecStart":       "/usr/local/bin/newsbrief run",
		"Restart":         "on-failure",
		"User":            "newsbrief",
		"EnvironmentFile": "/etc/newsbrief/env",
		"StateDirectory":  "newsbrief",
		"KillSignal":      "SIGTERM",
		"TimeoutStopSec":  "45",
		"NoNewPrivileges": "yes",
		"ProtectSystem":   "strict",
		"ProtectHome":     "yes",
		"PrivateTmp":      "yes",
	}
	for key, value := range want {
		if got := svc[key]; len(got) != 1 || got[0] != value {
			t.Errorf("[Service] %s = %v, want %s", key, got, value)
		}
	}
	if !slices.Contains(svc["Environment"], "DATABASE_URL=/var/lib/newsbrief/newsbrief.db") {
		t.Errorf("[Service] Environment %v, want DATABASE_URL=/var/lib/newsbrief/newsbrief.db", svc["Environment"])
	}
	// With ProtectSystem=strict the state directory is the one writable
	// place, so the default database must be in it.
	for _, e := range svc["Environment"] {
		if v, ok := strings.CutPrefix(e, "DATABASE_URL="); ok && filepath.Dir(v) != "/var/lib/"+svc["StateDirectory"][0] {
			t.Errorf("DATABASE_URL %s is outside the StateDirectory", v)
		}
	}
	if got := unit["Install"]["WantedBy"]; !slices.Contains(got, "multi-user.target") {
		t.Errorf("[Install] WantedBy %v, want multi-user.target", got)
	}
}

// TestStaticBinary builds ./cmd/newsbrief as the Dockerfile does and checks
// that the result needs no dynamic loader, so it runs on distroless/static.
func TestStaticBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds ./cmd/newsbrief; skipped in -short mode")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go command not found: %v", err)
	}
	out := filepath.Join(t.TempDir(), "newsbrief")
	const version = "deploy-test"
	cmd := exec.Command(gobin, "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", out, "./cmd/newsbrief")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}

	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			t.Error("binary has a PT_INTERP program header: it needs a dynamic loader")
		case elf.PT_DYNAMIC:
			t.Error("binary has a PT_DYNAMIC program header: it is dynamically linked")
		}
	}
	if s := f.Section(".dynamic"); s != nil {
		t.Error("binary has a .dynamic section")
	}
	if libs, err := f.ImportedLibraries(); err == nil && len(libs) > 0 {
		t.Errorf("binary imports shared libraries %v", libs)
	}

	// -X main.version must reach the variable the version command prints,
	// or images would all report "dev". Only runnable on a Linux host.
	if b, err := exec.Command(out, "version").Output(); err == nil {
		if !strings.Contains(string(b), version) {
			t.Errorf("newsbrief version printed %q, want it to contain %q (is main.version still the variable?)", b, version)
		}
	} else if f.Machine == hostMachine() {
		t.Errorf("newsbrief version: %v", err)
	}
}

// hostMachine is the ELF machine of the test binary itself, to tell "cannot
// run a foreign binary" from "the binary fails".
func hostMachine() elf.Machine {
	exe, err := os.Executable()
	if err != nil {
		return elf.EM_NONE
	}
	f, err := elf.Open(exe)
	if err != nil {
		return elf.EM_NONE
	}
	defer f.Close()
	return f.Machine
}
