//! Every unknown field of a scenario text at once, found by walking the JSON against the
//! format's own JSON Schema: serde stops at the first, and a file with three typos should not
//! take three rounds to fix.

use super::locate::JsonPath;
use serde_json::{Map, Value};

/// A field the format does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownField {
    /// Where it is, ending in its own name.
    pub path: JsonPath,
    /// Its name.
    pub name: String,
    /// The names the object may have.
    pub expected: Vec<String>,
}

/// The unknown fields of `value` (objects in key order), judged by `schema` (objects whose schema
/// says `"additionalProperties": false`).
pub fn unknown_fields(value: &Value, schema: &Value) -> Vec<UnknownField> {
    let mut found = Vec::new();
    walk(value, schema, schema, &JsonPath::default(), &mut found);
    found
}

/// The object schema `node` stands for: `$ref`s followed, and of `anyOf`/`oneOf` (an optional
/// object is "that object or null") the first alternative that describes an object or array.
fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..16 {
        if let Some(name) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            && let Some(target) = root.get("$defs").and_then(|d| d.get(name))
        {
            node = target;
            continue;
        }
        let alternatives = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array);
        if let Some(alternatives) = alternatives
            && let Some(structured) = alternatives.iter().find(|a| {
                let a = resolve(a, root);
                a.get("properties").is_some() || a.get("items").is_some()
            })
        {
            node = structured;
            continue;
        }
        break;
    }
    node
}

fn walk(value: &Value, node: &Value, root: &Value, at: &JsonPath, found: &mut Vec<UnknownField>) {
    let schema = resolve(node, root);
    match value {
        Value::Object(object) => walk_object(object, schema, root, at, found),
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    walk(item, item_schema, root, &at.index(i), found);
                }
            }
        }
        _ => {}
    }
}

fn walk_object(
    object: &Map<String, Value>,
    schema: &Value,
    root: &Value,
    at: &JsonPath,
    found: &mut Vec<UnknownField>,
) {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
    for (name, child) in object {
        match properties.get(name) {
            Some(child_schema) => walk(child, child_schema, root, &at.key(name), found),
            None if closed => found.push(UnknownField {
                path: at.key(name),
                name: name.clone(),
                expected: properties.keys().cloned().collect(),
            }),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_unknown_field_at_every_depth() {
        let text = r#"{"format": "range-rings/1", "titel": "x",
            "sites": [{"id": "a", "name": "A", "lat": 1, "lon": 2, "colour": "red"}],
            "missiles": [{"id": "m", "name": "M", "range_km": 100, "rnage_max_km": 200,
                          "ballistics": {"profil": "srbm"}}],
            "targets": [], "view": {"projection": "equirectangular", "centre": [1, 2]}}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        let found = unknown_fields(&value, &crate::scenario::json_schema());
        let names: Vec<String> = found.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(
            names,
            [
                "missiles[0].ballistics.profil",
                "missiles[0].rnage_max_km",
                "sites[0].colour",
                "titel",
                "view.centre"
            ]
        );
        assert!(found[3].expected.contains(&"title".to_owned()));
    }

    #[test]
    fn a_valid_file_has_none() {
        let value: Value = serde_json::from_str(crate::scenario::BUILTIN_JSON).unwrap();
        assert!(unknown_fields(&value, &crate::scenario::json_schema()).is_empty());
    }
}
