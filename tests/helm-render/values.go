package main

// Values and Chart.yaml as Helm reads them: YAML through JSON, merged in Helm's order.

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	yaml2 "gopkg.in/yaml.v2"
)

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
