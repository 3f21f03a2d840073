// Command helm-render renders a Helm chart as `helm template` does, for tests on machines where no helm binary
// can be installed. It rebuilds Helm 3's template engine from the same parts: Go's text/template, sprig's
// functions (without env and expandenv, as Helm), and Helm's own include, tpl, required, fail, toYaml and .Files
// (Get, Glob, AsConfig; files inside the chart only). Values merge as Helm merges them: -f files in order (maps
// merge, anything else replaces), then onto values.yaml, where a null removes a default. Numbers in values are
// float64, as Helm reads values through JSON. Not covered: lookup, fromYaml, .Capabilities, subcharts,
// .helmignore, kubeVersion checks, JSON schema validation (the tests check values.schema.json with ajv), and the
// kind order of Helm's output (templates come in file-name order). Charts tested with it must stay inside this.
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
// yaml.v2 and yaml.v3): GO111MODULE=off GOPATH=DIR:/usr/share/gocode go build -o helm-render *.go
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

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

func printJSON(value interface{}) error {
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	return encoder.Encode(value)
}
