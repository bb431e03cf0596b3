/**
 * The browser half of the google.script.run stand-in, injected into the sidebar document before its own scripts.
 * Like the real one: a runner per chain (withSuccessHandler / withFailureHandler / withUserObject each return a new
 * one), one method per server function, asynchronous, at most 10 calls in flight (the rest wait), arguments that
 * are not plain JSON (Dates, functions, DOM nodes, Maps, cycles) refused at the call with "Failed due to illegal
 * value in property: <path>", handlers called with (value or Error, userObject). Each call POSTs {fn, args} to the
 * harness, which runs the function in the add-on bundle. Plain JS text: a transpiled function's toString() would
 * carry the transpiler's helpers.
 */
export const MAX_IN_FLIGHT = 10;

const STAND_IN = `
(function (names, endpoint, maxInFlight) {
  var inFlight = 0;
  var waiting = [];

  function illegalPath(value, path, seen) {
    if (value === null || value === undefined) return null;
    var t = typeof value;
    if (t === 'string' || t === 'number' || t === 'boolean') return null;
    if (t !== 'object') return path;
    var proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return path;
    if (seen.indexOf(value) >= 0) return path;
    seen.push(value);
    var keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      var bad = illegalPath(value[keys[i]], path + '.' + keys[i], seen);
      if (bad !== null) return bad;
    }
    seen.pop();
    return null;
  }

  function finished() {
    inFlight--;
    var start = waiting.shift();
    if (start) start();
  }

  function runner(success, failure, userObject) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, failure, userObject); },
      withFailureHandler: function (f) { return runner(success, f, userObject); },
      withUserObject: function (o) { return runner(success, failure, o); }
    };
    names.forEach(function (name) {
      r[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        args.forEach(function (a, i) {
          var bad = illegalPath(a, String(i), []);
          if (bad !== null) throw new Error('Failed due to illegal value in property: ' + bad);
        });
        var body = JSON.stringify({ fn: name, args: args });
        function start() {
          inFlight++;
          fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body })
            .then(function (res) {
              if (!res.ok) throw new Error('NetworkError: Connection failure due to HTTP ' + res.status);
              return res.json();
            })
            .then(function (answer) {
              finished();
              if (answer.ok) { if (success) success(answer.value, userObject); }
              else if (failure) failure(new Error(answer.message), userObject);
            }, function (e) {
              finished();
              var message = e && /^NetworkError/.test(e.message) ? e.message : 'NetworkError: Connection failure due to HTTP 0';
              if (failure) failure(new Error(message), userObject);
            });
        }
        if (inFlight < maxInFlight) start();
        else waiting.push(start);
      };
    });
    return r;
  }

  window.google = window.google || {};
  window.google.script = window.google.script || {};
  window.google.script.run = runner(null, null, undefined);
})`;

/** The stand-in as a script element's text, for the given server function names and harness endpoint. */
export function scriptRunStandInSource(names: readonly string[], endpoint: string): string {
  return `${STAND_IN}(${JSON.stringify(names)}, ${JSON.stringify(endpoint)}, ${MAX_IN_FLIGHT});`;
}
