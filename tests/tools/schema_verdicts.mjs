#!/usr/bin/env node
// Validate YAML data (as JSON) against the editors' JSON Schemas with Ajv, a JavaScript validator: patterns run
// as JavaScript regular expressions with the `u` flag, as in VS Code's YAML extension.
//
//   node tests/tools/schema_verdicts.mjs < cases.json
//
// Input: [{"schemas": [schema, ...], "id": "brief.schema.json", "data": ...}, ...]
// Output: [true | false, ...], one verdict per case, in order.

import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const cases = JSON.parse(readFileSync(0, "utf8"));
const verdicts = cases.map(({ schemas, id, data }) => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  for (const schema of schemas) ajv.addSchema(schema);
  return ajv.getSchema(id)(data);
});
process.stdout.write(JSON.stringify(verdicts));
