// Command helm-render renders a Helm chart as `helm template` does, for tests on machines where no helm binary
// can be installed. It rebuilds Helm 3's template engine from the same parts: Go's text/template, sprig's
// functions (without env and expandenv, as Helm), and Helm's own include, tpl, required, fail, toYaml, fromYaml
// and .Files (Get, Glob, AsConfig; files inside the chart only). Values merge as Helm merges them: -f files in
// order (maps merge, anything else replaces), then onto values.yaml, where a null removes a default. Numbers in
// values are float64, as Helm reads values through JSON. Not covered: lookup, .Capabilities, subcharts,
// .helmignore, kubeVersion checks, JSON schema validation (the tests check values.schema.json with ajv), and
// the kind order of Helm's output (templates come in file-name order). Charts tested with it must stay inside
// this.
//
// Usage: helm-render [-f VALUES.yaml]... [-name NAME] [-namespace NS] [-output yaml|json|values|notes] CHART_DIR
//
//	yaml   one YAML stream, each document after a "# Source:" comment, as `helm template` prints it;
//	json   a JSON array of {"source", "object"}: each document parsed with yaml.v2 and written as JSON, which is
//	       how Helm's and kubectl's sigs.k8s.io/yaml read a manifest before sending it to Kubernetes;
//	values the merged values as JSON (what Helm validates against values.schema.json);
//	notes  templates/NOTES.txt rendered.
//
// Built offline in GOPATH mode against Debian's packages (golang-github-masterminds-sprig-dev brings sprig,
// yaml.v2 and yaml.v3): GO111MODULE=off GOPATH=DIR:/usr/share/gocode go build -o helm-render main.go
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	var files valueFiles
	flag.Var(&files, "f", "values file, repeatable; later files win")
	name := flag.String("name", "release-name", "release name (helm template's default)")
	namespace := flag.String("namespace", "default", "release namespace")
	output := flag.String("output", "yaml", "yaml, json, values or notes")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: helm-render [-f values.yaml]... [-name NAME] [-namespace NS] [-output yaml|json|values|notes] CHART_DIR")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), files, *name, *namespace, *output); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func run(chartDir string, valueFiles []string, name, namespace, output string) error {
	chart, err := readYAMLFile(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	defaults, err := readYAMLFile(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	supplied := map[string]interface{}{}
	for _, file := range valueFiles {
		values, err := readYAMLFile(file)
		if err != nil {
			return err
		}
		supplied = mergeMaps(supplied, values)
	}
	values := coalesce(supplied, defaults)
	if output == "values" {
		return printJSON(values)
	}

	chartName, _ := chart["name"].(string)
	templates, chartFiles, err := readChart(chartDir, chartName)
	if err != nil {
		return err
	}
	top := map[string]interface{}{
		"Values":  values,
		"Chart":   chartMetadata(chart),
		"Files":   chartFiles,
		"Release": map[string]interface{}{"Name": name, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
	}
	rendered, err := render(templates, top)
	if err != nil {
		return err
	}

	notes := chartName + "/templates/NOTES.txt"
	if output == "notes" {
		fmt.Print(rendered[notes])
		return nil
	}
	var names []string
	for file := range rendered {
		if file != notes {
			names = append(names, file)
		}
	}
	sort.Strings(names)
	var objects []interface{}
	for _, file := range names {
		for _, document := range splitManifests(rendered[file]) {
			switch output {
			case "yaml":
				fmt.Printf("---\n# Source: %s\n%s\n", file, document)
			case "json":
				var object interface{}
				if err := yaml2.UnmarshalStrict([]byte(document), &object); err != nil {
					return fmt.Errorf("%s: %v", file, err)
				}
				objects = append(objects, map[string]interface{}{"source": file, "object": jsonValue(object)})
			default:
				return fmt.Errorf("unknown output %q", output)
			}
		}
	}
	if output == "json" {
		return printJSON(objects)
	}
	return nil
}

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
	functions["fromYaml"] = fromYAML
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

// fromYAML is Helm's: a map read through JSON, or {"Error": message}.
func fromYAML(text string) map[string]interface{} {
	var parsed interface{}
	if err := yaml2.Unmarshal([]byte(text), &parsed); err != nil {
		return map[string]interface{}{"Error": err.Error()}
	}
	converted, ok := viaJSON(jsonValue(parsed)).(map[string]interface{})
	if !ok {
		return map[string]interface{}{}
	}
	return converted
}

func readYAMLFile(file string) (map[string]interface{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var parsed interface{}
	if err := yaml2.Unmarshal(data, &parsed); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	values, ok := viaJSON(jsonValue(parsed)).(map[string]interface{})
	if !ok && parsed != nil {
		return nil, fmt.Errorf("%s: not a mapping", file)
	}
	if values == nil {
		values = map[string]interface{}{}
	}
	return values, nil
}

// jsonValue turns yaml.v2's map[interface{}]interface{} into JSON's map[string]interface{}, recursively.
func jsonValue(value interface{}) interface{} {
	switch v := value.(type) {
	case map[interface{}]interface{}:
		converted := make(map[string]interface{}, len(v))
		for key, item := range v {
			converted[fmt.Sprint(key)] = jsonValue(item)
		}
		return converted
	case []interface{}:
		converted := make([]interface{}, len(v))
		for i, item := range v {
			converted[i] = jsonValue(item)
		}
		return converted
	}
	return value
}

// viaJSON round-trips through encoding/json, so numbers become float64 as in Helm's values.
func viaJSON(value interface{}) interface{} {
	data, err := json.Marshal(value)
	if err != nil {
		return nil
	}
	var out interface{}
	_ = json.Unmarshal(data, &out)
	return out
}

// mergeMaps merges -f files as Helm's CLI does: maps merge key by key, anything else in src replaces dst.
func mergeMaps(dst, src map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(dst))
	for key, value := range dst {
		out[key] = value
	}
	for key, value := range src {
		if srcMap, ok := value.(map[string]interface{}); ok {
			if dstMap, ok := out[key].(map[string]interface{}); ok {
				out[key] = mergeMaps(dstMap, srcMap)
				continue
			}
		}
		out[key] = value
	}
	return out
}

// coalesce lays the supplied values over the chart's defaults as Helm's CoalesceValues does: maps merge, lists
// and scalars replace, and a null removes the default.
func coalesce(supplied, defaults map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(defaults))
	for key, value := range defaults {
		out[key] = value
	}
	for key, value := range supplied {
		if value == nil {
			delete(out, key)
			continue
		}
		suppliedMap, suppliedIsMap := value.(map[string]interface{})
		defaultMap, defaultIsMap := out[key].(map[string]interface{})
		if suppliedIsMap && defaultIsMap {
			out[key] = coalesce(suppliedMap, defaultMap)
		} else {
			out[key] = value
		}
	}
	return out
}

// chartMetadata is .Chart: Chart.yaml's keys with Helm's field names (name -> Name, apiVersion -> APIVersion).
func chartMetadata(chart map[string]interface{}) map[string]interface{} {
	metadata := map[string]interface{}{}
	for key, value := range chart {
		field := strings.ToUpper(key[:1]) + key[1:]
		if key == "apiVersion" {
			field = "APIVersion"
		}
		metadata[field] = value
	}
	return metadata
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

func printJSON(value interface{}) error {
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	return encoder.Encode(value)
}
