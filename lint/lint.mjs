// Checks Cypher texts with Neo4j's own front end (@neo4j-cypher/language-support).
// stdin: {"schema": {labels, relationshipTypes, propertyKeys, graphSchema}, "queries": [{"name", "text", "parameters"}]}
// stdout: {"NAME": [diagnostic, ...], ...}  (an empty list means the text is clean)
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const base = testData.mockSchema; // carries Neo4j's built-in functions and procedures per Cypher version
const out = {};
for (const q of input.queries) {
  const dbSchema = {
    functions: base.functions,
    procedures: base.procedures,
    labels: input.schema.labels,
    relationshipTypes: input.schema.relationshipTypes,
    propertyKeys: input.schema.propertyKeys,
    graphSchema: input.schema.graphSchema,
    parameters: q.parameters || {},
  };
  const { diagnostics } = lintCypherQuery(q.text, dbSchema);
  out[q.name] = diagnostics.map((d) => ({
    severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}
process.stdout.write(JSON.stringify(out));
