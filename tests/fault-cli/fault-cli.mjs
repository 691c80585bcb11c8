#!/usr/bin/env node
// A stand-in for `claude` that speaks the same stream-json protocol and misbehaves on request, so tests can
// inject faults the real CLI will not produce on demand. Behaviour comes from directives in the prompt
// (e.g. "[crash:3]") or from --fault-* arguments at start-up (tests pass them through SessionOptions.ExtraArgs).
// It never calls any API.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appendFileSync, existsSync } from 'node:fs';

const env = process.env;
const sessionId = argValue('--resume') ?? cryptoRandomId();
let turns = 0;
// Like the real CLI, results report the process's running cost, not the turn's.
let costSoFar = 0;
const turnCost = 0.001;
let interrupted = false;
let running = null;

// Start-up faults.
const log = argValue('--fault-log');
const now = () => performance.timeOrigin + performance.now();
if (log) {
  appendFileSync(log, JSON.stringify({ pid: process.pid, event: 'start', t: now(), argv: process.argv.slice(2) }) + '\n');
  process.on('exit', () => appendFileSync(log, JSON.stringify({ pid: process.pid, event: 'exit', t: now() }) + '\n'));
}
// --fault-exit-at-start-while=PATH: exits only while PATH exists, so a test can break and mend a running pool's CLI.
const exitWhile = argValue('--fault-exit-at-start-while');
if (argValue('--fault-exit-at-start') && (!exitWhile || existsSync(exitWhile))) { process.stderr.write('fault-cli: exiting at start as asked\n'); process.exit(Number(argValue('--fault-exit-at-start'))); }
if (argValue('--resume') && hasFlag('--fault-resume-fails')) {
  // What the real CLI does: an error result without init, then exit 1.
  write({ type: 'result', subtype: 'error_during_execution', is_error: true, num_turns: 0, duration_ms: 0, duration_api_ms: 0, session_id: argValue('--resume'), total_cost_usd: 0, usage: { input_tokens: 0, output_tokens: 0 }, permission_denials: [] });
  process.stderr.write(`No conversation found with session ID: ${argValue('--resume')}\n`);
  process.exitCode = 1;
  await new Promise(r => process.stdout.write('', r));
  process.exit(1);
}
if (hasFlag('--fault-ignore-sigterm')) process.on('SIGTERM', () => process.stderr.write('fault-cli: ignoring SIGTERM\n'));
if (hasFlag('--fault-spawn-child')) spawnChild();

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', line => {
  if (!line.trim()) return;
  let msg;
  try { msg = JSON.parse(line); } catch { process.stderr.write(`fault-cli: bad input line\n`); return; }
  if (msg.type === 'control_request') return control(msg);
  if (msg.type === 'control_response') return hostAnswered.get(msg.response?.request_id)?.(msg.response);
  if (msg.type === 'user') {
    const prompt = typeof msg.message.content === 'string' ? msg.message.content : msg.message.content.map(b => b.text ?? '').join('');
    running = (running ?? Promise.resolve()).then(() => answer(prompt));
  }
});
rl.on('close', () => {
  if (hasFlag('--fault-ignore-eof')) { setInterval(() => {}, 1 << 30); return; }
  Promise.resolve(running).then(() => process.exit(0));
});

function control(msg) {
  const subtype = msg.request?.subtype;
  if (subtype === 'interrupt') interrupted = true;
  // --fault-refuse-control-while=PATH: refuses only while PATH exists, so a test can switch a running pool's CLIs.
  const refuseWhile = argValue('--fault-refuse-control-while');
  if (subtype !== undefined && subtype === argValue('--fault-refuse-control') && (!refuseWhile || existsSync(refuseWhile))) {
    // What the real CLI answers for a control request it does not handle.
    write({ type: 'control_response', response: { subtype: 'error', request_id: msg.request_id, error: `Unsupported control request subtype: ${subtype}` } });
    return;
  }
  write({ type: 'control_response', response: { subtype: 'success', request_id: msg.request_id, response: {} } });
}

// Requests this CLI sent its host, by id, waiting for the host's control_response.
const hostAnswered = new Map();
function askHost(subtype) {
  const id = `fault-${hostAnswered.size + 1}`;
  write({ type: 'control_request', request_id: id, request: subtype === 'can_use_tool' ? { subtype, tool_name: 'Bash', input: { command: 'ls' } } : { subtype } });
  return new Promise(r => hostAnswered.set(id, r));
}

// What the real CLI writes when a background task ends: a turn it starts by itself, without a prompt.
function selfStartedTurn() {
  write({ type: 'system', subtype: 'task_updated', task_id: 'fault-task', status: 'completed' });
  write({ type: 'system', subtype: 'task_notification', task_id: 'fault-task', status: 'completed' });
  write({ type: 'system', subtype: 'init', session_id: sessionId, model: 'fault-model', cwd: process.cwd(), tools: [], claude_code_version: 'fault-cli' });
  write({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'background task done' } }, session_id: sessionId, parent_tool_use_id: null });
  write({ type: 'assistant', message: { id: 'msg_wake', role: 'assistant', model: 'fault-model', content: [{ type: 'text', text: 'background task done' }] }, session_id: sessionId, parent_tool_use_id: null });
  write({ type: 'result', subtype: 'success', is_error: false, result: 'background task done', session_id: sessionId, num_turns: 1, duration_ms: 1, duration_api_ms: 0, total_cost_usd: costSoFar += turnCost, usage: { input_tokens: 3, output_tokens: 5 }, permission_denials: [], origin: { kind: 'task-notification' } });
}

async function answer(prompt) {
  interrupted = false;
  const d = directives(prompt);
  if (d.wakeFirst) selfStartedTurn();
  if (d.hangBeforeInit) return new Promise(() => {}); // as a CLI still busy with something else when the prompt came
  write({ type: 'system', subtype: 'init', session_id: sessionId, model: argValue('--model') ?? 'fault-model', cwd: process.cwd(), tools: [], claude_code_version: 'fault-cli' });
  if (d.spawn) spawnChild();
  // A child that keeps the CLI's stdout and stderr open after the CLI is gone (a backgrounded tool, an MCP server).
  if (d.spawnHolding) spawnChild(['ignore', 'inherit', 'inherit']);
  if (d.report) return result(prompt, JSON.stringify({ argv: process.argv.slice(2), env: reportedEnv(), pid: process.pid, cwd: process.cwd() }));
  // What a CLI dumping its environment before it dies would leave in its stderr.
  if (d.askPermission || d.askHost) {
    const reply = await askHost(d.askPermission ? 'can_use_tool' : 'elicitation');
    return result(prompt, `host said ${reply.subtype}${reply.response?.behavior ? ` ${reply.response.behavior}` : ''}`);
  }
  if (d.leakKey) {
    const secrets = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'].map(name => `${name}=${env[name]}`).join(' ');
    process.stdout.write(`fault-cli environment: ${secrets}\n`); // not stream-json: the host logs it as such
    process.stderr.write(`fault-cli: ${secrets}\n`);
    process.exit(1);
  }
  if (d.stderr) for (let i = 0; i < d.stderr; i++) process.stderr.write('x'.repeat(1023) + '\n');
  if (d.garbage) { process.stdout.write('this is not json\n{"type":"assistant", broken\n[1,2,3]\n'); }
  if (d.huge) process.stdout.write(JSON.stringify({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'h'.repeat(d.huge) }] }, session_id: sessionId }) + '\n');
  if (d.hang) return new Promise(() => {});
  const text = `${prompt} | turn ${turns + 1}`;
  const words = text.split(/(?<= )/);
  for (let i = 0; i < words.length; i++) {
    if (interrupted) break;
    if (d.crash !== undefined && i === Math.floor(words.length / 2)) { process.stderr.write(`fault-cli: crashing with ${d.crash}\n`); process.exit(d.crash); }
    if (d.hangAfter && i === 1) return new Promise(() => {});
    write({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: words[i] } }, session_id: sessionId, parent_tool_use_id: null });
    if (d.slow) await sleep(d.slow);
  }
  if (interrupted) return result(prompt, '', 'error_during_execution', true);
  write({ type: 'assistant', message: { id: 'msg_fault', role: 'assistant', model: 'fault-model', content: [{ type: 'text', text }] }, session_id: sessionId, parent_tool_use_id: null });
  result(prompt, text);
  if (d.wakeAfter) selfStartedTurn(); // as when a background task ends while the session is idle
}

function result(prompt, text, subtype = 'success', isError = false) {
  turns++;
  write({ type: 'result', subtype, is_error: isError, result: text, session_id: sessionId, num_turns: 1, duration_ms: 1, duration_api_ms: 0, total_cost_usd: costSoFar += turnCost, usage: { input_tokens: 3, output_tokens: 5 }, permission_denials: [] });
}

function directives(prompt) {
  const d = {};
  for (const [, name, value] of prompt.matchAll(/\[([a-z-]+)(?::(\d+))?\]/g)) {
    const n = value === undefined ? true : Number(value);
    switch (name) {
      case 'crash': d.crash = value === undefined ? 1 : n; break;
      case 'hang': d.hang = true; break;
      case 'hang-before-init': d.hangBeforeInit = true; break;
      case 'hang-after-output': d.hangAfter = true; break;
      case 'garbage': d.garbage = true; break;
      case 'huge': d.huge = value === undefined ? 20 * 1024 * 1024 : n; break;
      case 'stderr': d.stderr = value === undefined ? 4096 : n; break; // KiB
      case 'slow': d.slow = n; break;
      case 'spawn': d.spawn = true; break;
      case 'spawn-holding-output': d.spawnHolding = true; break;
      case 'report': d.report = true; break;
      case 'leak-key': d.leakKey = true; break;
      case 'wake-first': d.wakeFirst = true; break;
      case 'wake-after': d.wakeAfter = true; break;
      case 'ask-permission': d.askPermission = true; break;
      case 'ask-host': d.askHost = true; break;
    }
  }
  return d;
}

function spawnChild(stdio = 'ignore') {
  const child = spawn('sleep', ['3600'], { stdio });
  if (log) appendFileSync(log, JSON.stringify({ pid: process.pid, child: child.pid }) + '\n');
}

function reportedEnv() {
  const keys = ['CLAUDE_CONFIG_DIR', 'ANTHROPIC_BASE_URL', 'CLAUDECODE', 'CLAUDEGRAINS_PROCESS_TAG'];
  const out = Object.fromEntries(keys.map(k => [k, env[k] ?? null]));
  out.HAS_ANTHROPIC_API_KEY = Boolean(env.ANTHROPIC_API_KEY);
  return out;
}

function write(obj) { process.stdout.write(JSON.stringify(obj) + '\n'); }
function sleep(ms) { return new Promise(r => setTimeout(r, ms)); }
function argValue(flag) {
  for (const a of process.argv) if (a.startsWith(flag + '=')) return a.slice(flag.length + 1);
  return undefined;
}
function hasFlag(flag) { return process.argv.includes(flag); }
function cryptoRandomId() { return globalThis.crypto.randomUUID(); }
