package main

// Helm's template engine: every template parsed into one set, Helm's functions, .Files, and the split of the
// output into manifests.

import (
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	yaml2 "gopkg.in/yaml.v2"
)

// readChart returns the templates (by Helm's name CHART/templates/FILE) and the chart's other files, which Helm
// offers as .Files: everything but Chart.yaml, values.yaml, values.schema.json, templates/ and charts/.
func readChart(chartDir, chartName string) (map[string]string, files, error) {
	templates := map[string]string{}
	other := files{}
	err := filepath.Walk(chartDir, func(file string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		relative, _ := filepath.Rel(chartDir, file)
		relative = filepath.ToSlash(relative)
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(relative, "templates/"):
			templates[chartName+"/"+relative] = string(data)
		case strings.HasPrefix(relative, "charts/"):
			return errors.New("subcharts are not supported")
		case relative != "Chart.yaml" && relative != "values.yaml" && relative != "values.schema.json":
			other[relative] = data
		}
		return nil
	})
	return templates, other, err
}

// render parses every template into one set, so that any file's defines can be included from any other, and
// executes each one that is not a partial (_*), as Helm's engine does.
func render(templates map[string]string, top map[string]interface{}) (map[string]string, error) {
	root := template.New("gotpl").Option("missingkey=zero")
	root.Funcs(funcMap(root))
	names := make([]string, 0, len(templates))
	for name := range templates {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := root.New(name).Parse(templates[name]); err != nil {
			return nil, err
		}
	}
	rendered := map[string]string{}
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") {
			continue
		}
		data := map[string]interface{}{"Template": map[string]interface{}{"Name": name, "BasePath": path.Dir(name)}}
		for key, value := range top {
			data[key] = value
		}
		var out strings.Builder
		if err := root.ExecuteTemplate(&out, name, data); err != nil {
			return nil, err
		}
		// Helm's workaround: missingkey=zero still prints "<no value>" for a missing map key.
		rendered[name] = strings.ReplaceAll(out.String(), "<no value>", "")
	}
	return rendered, nil
}

func funcMap(root *template.Template) template.FuncMap {
	functions := sprig.TxtFuncMap()
	delete(functions, "env")
	delete(functions, "expandenv")
	functions["toYaml"] = toYAML
	functions["include"] = func(name string, data interface{}) (string, error) {
		var out strings.Builder
		err := root.ExecuteTemplate(&out, name, data)
		return out.String(), err
	}
	functions["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := root.Clone()
		if err != nil {
			return "", err
		}
		parsed, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var out strings.Builder
		err = parsed.Execute(&out, data)
		return strings.ReplaceAll(out.String(), "<no value>", ""), err
	}
	functions["required"] = func(message string, value interface{}) (interface{}, error) {
		if text, isString := value.(string); value == nil || isString && text == "" {
			return value, errors.New(message)
		}
		return value, nil
	}
	functions["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	return functions
}

// files is .Files: the chart's files by their path inside the chart.
type files map[string][]byte

func (f files) Get(name string) string { return string(f[name]) }

// Glob matches with path.Match, as Helm's gobwas/glob does for patterns without "**" or braces.
func (f files) Glob(pattern string) files {
	matched := files{}
	for name, data := range f {
		if ok, _ := path.Match(pattern, name); ok {
			matched[name] = data
		}
	}
	return matched
}

// AsConfig is the files as a ConfigMap's data: base name to content, in YAML.
func (f files) AsConfig() string {
	config := map[string]string{}
	for name, data := range f {
		config[path.Base(name)] = string(data)
	}
	return toYAML(config)
}

// toYAML is sigs.k8s.io/yaml's Marshal, as Helm's toYaml: through JSON, then yaml.v2 (keys sorted); errors are
// swallowed and the final newline trimmed, as Helm does.
func toYAML(value interface{}) string {
	asJSON, err := json.Marshal(value)
	if err != nil {
		return ""
	}
	var generic interface{}
	if err := yaml2.Unmarshal(asJSON, &generic); err != nil {
		return ""
	}
	out, err := yaml2.Marshal(generic)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

var documentSeparator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// splitManifests is Helm's releaseutil.SplitManifests: documents split on "---", trimmed, empty ones dropped.
func splitManifests(text string) []string {
	var documents []string
	for _, document := range documentSeparator.Split(strings.TrimSpace(text), -1) {
		if document = strings.TrimSpace(document); document != "" {
			documents = append(documents, document)
		}
	}
	return documents
}
