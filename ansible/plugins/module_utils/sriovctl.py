# -*- coding: utf-8 -*-
# Copyright: 2026 sriovctl developers
# Apache License 2.0 (see packaging/deb/copyright)
"""Runs the sriovctl command for the modules of this collection.

Only argument handling lives here: every decision (what differs, what is safe, what is healthy) is
sriovctl's, read from its ``-o json`` output. Commands are argv lists, never shell strings; the PVE
token secret travels in the environment (PVE_TOKEN_SECRET), never in argv (docs/proxmox.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

# sriovctl's exit codes (DESIGN section 1)
OK, FAILED, BAD_INPUT, HOST_ERROR = 0, 1, 2, 3
INLINE = '(inline spec)'

COMMON_ARGS = dict(
    executable=dict(type='str', default='sriovctl'),
    sim=dict(type='path'),
)

# sriovctl pve: how it reaches the PVE API (without api and token: pvesh on the node, as root).
PVE_ARGS = dict(
    api=dict(type='str'),
    token_id=dict(type='str'),
    token_secret=dict(type='str', no_log=True),
    token_file=dict(type='path'),
    fingerprint=dict(type='str'),
    timeout=dict(type='int'),
)

SECRET_ENV = 'PVE_TOKEN_SECRET'


class Result:
    """One sriovctl run: its argv, exit code, stdout and stderr."""

    def __init__(self, argv, rc, stdout, stderr):
        self.argv = argv
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr

    def data(self):
        """The JSON sriovctl printed, or None when stdout is not JSON (an error before any output)."""
        try:
            return json.loads(self.stdout)
        except ValueError:
            return None

    def error_text(self):
        """What sriovctl said about the failure: its stderr, else its stdout."""
        return (self.stderr or '').strip() or (self.stdout or '').strip() or 'no output'

    def warnings(self):
        return [line[len('warning: '):] for line in (self.stderr or '').splitlines() if line.startswith('warning: ')]


class Sriovctl:
    """The sriovctl command of one module run, with the host selection (--sim) and the calls made."""

    def __init__(self, module, replace=None):
        self.module = module
        self.exe = self._find(module.params['executable'])
        sim = module.params.get('sim')
        self.host_args = ['--sim', sim] if sim else []
        self.calls = []
        # text shown in messages instead of internal paths (the temporary file of an inline spec)
        self.replace = replace or {}

    def _find(self, executable):
        if os.path.sep in executable:
            if os.path.isfile(executable) and os.access(executable, os.X_OK):
                return executable
            self.module.fail_json(msg='sriovctl executable %s does not exist or is not executable' % executable)
        found = self.module.get_bin_path(executable, opt_dirs=['/usr/bin', '/usr/local/bin'])
        if not found:
            self.module.fail_json(msg='%s not found on this node: install the sriovctl Debian package, or set the executable option'
                                  % executable)
        return found

    def run(self, args, env=None):
        argv = [self.exe] + list(args)
        rc, out, err = self.module.run_command(argv, environ_update=env or {}, check_rc=False)
        result = Result(argv, rc, out, self.shown(err))
        self.calls.append({'argv': argv, 'rc': rc})
        for w in result.warnings():
            self.module.warn(w)
        return result

    def run_json(self, args, what, ok=(OK,), env=None, **extra):
        """Runs sriovctl and returns (result, its JSON); fails the task, with extra in the result, when the
        exit code is not one of ok, and when it printed no JSON."""
        result = self.run(args, env=env)
        if result.rc not in ok:
            self.fail(result, what, **extra)
        return result, self.data_or_fail(result, what)

    def shown(self, text):
        for internal, shown in self.replace.items():
            text = (text or '').replace(internal, shown)
        return text

    def fail(self, result, what, **extra):
        """Fails the task with sriovctl's own words and exit code."""
        self.module.fail_json(msg='%s failed (exit %d): %s' % (what, result.rc, result.error_text()),
                              rc=result.rc, stdout=result.stdout, stderr=result.stderr, cmd=result.argv,
                              calls=self.calls, **extra)

    def data_or_fail(self, result, what, **extra):
        data = result.data()
        if data is None:
            self.module.fail_json(msg='%s printed no JSON (exit %d): %s' % (what, result.rc, result.error_text()),
                                  rc=result.rc, stdout=result.stdout, stderr=result.stderr, cmd=result.argv,
                                  calls=self.calls, **extra)
        return data


def pve_args(params):
    """The sriovctl pve options for the API, and the environment carrying the secret."""
    args = []
    for key, option in (('api', '--api'), ('token_id', '--token-id'), ('token_file', '--token-file'),
                        ('fingerprint', '--fingerprint')):
        if params.get(key):
            args += [option, params[key]]
    if params.get('timeout') is not None:
        args += ['--timeout', str(params['timeout'])]
    env = {SECRET_ENV: params['token_secret']} if params.get('token_secret') else {}
    return args, env


def spec_file(module):
    """The spec to pass with -f: spec_file as given, or the inline spec written to a temporary file.

    Returns (path, shown): shown is how messages name it ('(inline spec)' for a temporary file).
    A mapping is written as JSON (which is YAML), text as it is, so error locations point into it.
    """
    if module.params.get('spec_file'):
        return module.params['spec_file'], None
    spec = module.params.get('spec')
    if spec is None:
        return None, None
    text = spec if isinstance(spec, str) else json.dumps(spec, indent=2) + '\n'
    path = os.path.join(module.tmpdir, 'spec.yaml')
    with open(path, 'w') as f:
        f.write(text)
    return path, INLINE


def failed_checks(doctor):
    """The failed checks of a doctor report, as 'id (subject): evidence'."""
    if not doctor:
        return []
    return ['%s (%s): %s' % (c.get('id'), c.get('subject'), c.get('evidence'))
            for c in doctor.get('checks', []) if c.get('status') == 'fail']


def doctor(cli, params, spec_path, **extra):
    """Runs sriovctl doctor (exit 0: all passed, 1: a check failed; anything else fails the task).

    Returns (exit code, the report, its failed checks as failed_checks() prints them).
    """
    args, env = doctor_args(params, spec_path)
    checked, report = cli.run_json(args + cli.host_args, 'sriovctl doctor', ok=(OK, FAILED), env=env, **extra)
    return checked.rc, report, failed_checks(report)


def gate_message(failed):
    """Why the health gate fails the task."""
    return 'health gate: sriovctl doctor found %d failed check(s): %s' % (len(failed), '; '.join(failed))


def doctor_args(params, spec_path):
    """sriovctl doctor's options: the spec (-f), the node and the PVE API when given, and their environment."""
    args = ['doctor', '-o', 'json']
    if spec_path:
        args += ['-f', spec_path]
    if params.get('node'):
        args += ['--node', params['node']]
    api, env = pve_args(params)
    return args + api, env
