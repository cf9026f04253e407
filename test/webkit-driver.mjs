// Xvfb and WebKitWebDriver for the WebKit run: started when the launcher initializes, stopped when it stops, and
// signaled on any exit of the test process (failure, Ctrl-C, SIGTERM), so no display or driver is left behind.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const children = new Set();

// SIGTERM, not SIGKILL: an 'exit' handler cannot wait, and Xvfb only removes its lock file and socket when it is
// allowed to shut down; MiniBrowser leaves with its WebKitWebDriver.
function terminateAll() {
  for (const child of children) child.kill('SIGTERM');
  children.clear();
}
process.on('exit', terminateAll);
// @web/test-runner handles SIGINT itself (stops the browsers, then exits: 'exit' above); SIGTERM would end the
// process without an 'exit' event.
process.once('SIGTERM', () => {
  terminateAll();
  process.exit(143);
});

function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.on('exit', () => children.delete(child));
  child.output = () => stderr.trim();
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function failedToStart(child, what) {
  return new Promise((_, reject) => {
    child.once('error', (error) => reject(new Error(`${what} did not start: ${error.message}`)));
    child.once('exit', (code, signal) =>
      reject(new Error(`${what} exited during start-up (${signal ?? `code ${code}`}): ${child.output()}`)),
    );
  });
}

function timeout(ms, what) {
  return new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${what} not ready after ${ms} ms`)), ms).unref(),
  );
}

/** Resolves once something accepts connections on the UNIX socket at `path`. */
async function socketReady(path, isDone) {
  while (!isDone()) {
    const connected = await new Promise((resolve) => {
      const socket = createConnection(path);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A display is taken while its lock file names a live process (Xvfb itself replaces a stale lock). */
function displayInUse(display) {
  const lock = `/tmp/.X${display}-lock`;
  if (!existsSync(lock)) return existsSync(`/tmp/.X11-unix/X${display}`);
  const pid = Number(readFileSync(lock, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code !== 'ESRCH';
  }
}

/** Xvfb on the first free display from :99; resolves once it accepts clients. */
async function startXvfb() {
  for (let display = 99; display < 199; display += 1) {
    const socket = `/tmp/.X11-unix/X${display}`;
    if (displayInUse(display)) continue;
    const xvfb = start('Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp']);
    let settled = false;
    try {
      await Promise.race([
        socketReady(socket, () => settled),
        failedToStart(xvfb, `Xvfb :${display}`),
        timeout(10000, `Xvfb :${display}`),
      ]);
      return { xvfb, display: `:${display}` };
    } catch (error) {
      await stop(xvfb);
      // Another Xvfb took this display between the check and the start: try the next one.
      if (/already active|Cannot establish any listening sockets/i.test(error.message)) continue;
      throw error;
    } finally {
      settled = true;
    }
  }
  throw new Error('No free X display between :99 and :198 for Xvfb.');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function driverReady(port, driver) {
  const exited = failedToStart(driver, 'WebKitWebDriver');
  let settled = false;
  const poll = (async () => {
    while (!settled) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`);
        if (response.ok && (await response.json()).value?.ready) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    await Promise.race([poll, exited, timeout(15000, 'WebKitWebDriver')]);
  } finally {
    settled = true;
  }
}

/** Starts Xvfb, then WebKitWebDriver on that display and a free loopback port. Returns the port and a stop(). */
export async function startWebKitDriver() {
  const { xvfb, display } = await startXvfb();
  let driver;
  try {
    const port = await freePort();
    driver = start('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
      env: { ...process.env, DISPLAY: display },
    });
    await driverReady(port, driver);
    return {
      port,
      display,
      async stop() {
        await stop(driver);
        await stop(xvfb);
      },
    };
  } catch (error) {
    await stop(driver);
    await stop(xvfb);
    throw error;
  }
}
