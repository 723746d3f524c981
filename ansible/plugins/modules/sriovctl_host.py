#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 sriovctl developers
# Apache License 2.0 (see packaging/deb/copyright)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: sriovctl_host
short_description: Bring a Proxmox VE node's SR-IOV, switchdev and Open vSwitch setup to a sriovctl spec
description:
  - Runs C(sriovctl plan) on the node, then, unless in check mode and only when the plan has steps,
    C(sriovctl apply), then C(sriovctl doctor) as a health gate.
  - Every decision is sriovctl's (what differs, what is safe, what rolls back); the module passes the
    options and reports sriovctl's JSON (docs/plan.md, docs/apply.md, docs/checks.md).
  - Check mode runs C(sriovctl plan) (and doctor, whose checks are then only reported); C(changed) is
    true when the plan has steps. Diff mode shows the plan's file diffs.
  - The task fails with sriovctl's own error text and exit code (2 invalid spec, 1 blockers, rolled back
    or failed checks, 3 host error).
version_added: 0.1.0
author:
  - sriovctl developers
options:
  spec:
    description:
      - The spec, as YAML text (for example from a C(lookup) of a file or template, so that error
        locations point into it) or as a mapping. It is written to a temporary file on the node.
      - Exactly one of I(spec) and I(spec_file) is needed, unless I(confirm) or I(rollback).
    type: raw
  spec_file:
    description: Path of the spec on the node.
    type: path
  sim:
    description:
      - A simulated host directory (C(sriovctl sim create)) instead of the node itself, for rehearsals
        and tests (C(--sim DIR)).
    type: path
  allow_disruption:
    description:
      - Change VF counts or e-switch modes even while VFs are bound to vfio-pci (VMs lose them).
        Without it such a plan has blockers and the task fails without changing anything.
    type: bool
    default: false
  confirm_within:
    description:
      - The connectivity guard (C(--confirm-within), for example C(120s)). C(sriovctl apply) then waits
        for C(sriovctl apply --confirm) from a new connection (I(confirm)) and rolls back by itself
        otherwise; run this task with C(async) and C(poll) 0, as the rollout role does.
    type: str
  probes:
    description: Reachability probes checked after the last step (C(ping:ADDR), C(tcp:HOST:PORT)); a failure rolls back.
    type: list
    elements: str
    default: []
  no_guard:
    description:
      - Do not turn the connectivity guard on by default when the plan changes the bridge carrying a
        management address (C(--no-guard)). For simulated hosts, where nobody connects.
    type: bool
    default: false
  sriovctl_path:
    description: The sriovctl command the boot units run (C(--sriovctl-path)).
    type: str
  doctor:
    description:
      - Run C(sriovctl doctor -f SPEC) afterwards and return its checks. After a real apply a failed check
        fails the task (the health gate); in check mode the checks are only reported. The rollout role
        runs doctor as a task of its own (M(sriovctl.sriovctl.sriovctl_doctor)) after mapping the VFs.
    type: bool
    default: true
  node:
    description: This node's Proxmox VE node name, for doctor's Proxmox checks (default - its hostname).
    type: str
  api:
    description:
      - For doctor's Proxmox checks, the PVE API (see M(sriovctl.sriovctl.sriovctl_pve)). Without it doctor
        reads the node's own /etc/pve.
    type: str
  confirm:
    description: Confirm the apply that awaits confirmation (C(sriovctl apply --confirm)). Nothing else runs.
    type: bool
    default: false
  rollback:
    description: Roll back the apply that awaits confirmation, or an interrupted one (C(sriovctl apply --rollback)).
    type: bool
    default: false
extends_documentation_fragment:
  - sriovctl.sriovctl.sriovctl
  - sriovctl.sriovctl.sriovctl.pve
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
notes:
  - The node needs sriovctl installed (Debian package) and the module runs as root, like sriovctl apply.
seealso:
  - module: sriovctl.sriovctl.sriovctl_facts
  - module: sriovctl.sriovctl.sriovctl_doctor
  - module: sriovctl.sriovctl.sriovctl_pve
'''

EXAMPLES = r'''
- name: Show what would change (plan only)
  sriovctl.sriovctl.sriovctl_host:
    spec: "{{ lookup('ansible.builtin.file', 'sriovctl/cluster.yaml') }}"
  check_mode: true
  diff: true

- name: Converge the node, then gate on doctor
  sriovctl.sriovctl.sriovctl_host:
    spec_file: /etc/sriovctl/spec.yaml

- name: Rehearse on a simulated host
  sriovctl.sriovctl.sriovctl_host:
    spec: "{{ sriovctl_spec }}"
    sim: /var/tmp/pve1-twin
    no_guard: true

- name: Confirm a guarded apply from a new connection
  sriovctl.sriovctl.sriovctl_host:
    confirm: true
'''

RETURN = r'''
plan:
  description: The output of C(sriovctl plan -o json) (docs/plan.md); null with I(confirm) or I(rollback).
  returned: always
  type: dict
  sample: {"host": "pve1", "changes": 27, "converged": false, "disruptive": true, "steps": [], "files": [], "findings": []}
apply:
  description: The output of C(sriovctl apply -o json) (docs/apply.md); null when nothing was applied.
  returned: always
  type: dict
doctor:
  description: The output of C(sriovctl doctor -o json), a list of C(checks) (docs/checks.md); null when not run.
  returned: always
  type: dict
failed_checks:
  description: The doctor checks whose status is fail, each as id, subject in parentheses, colon, evidence.
  returned: always
  type: list
  elements: str
rc:
  description: The exit code of the last sriovctl run.
  returned: always
  type: int
calls:
  description: Each sriovctl run, its argv and exit code.
  returned: always
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.sriovctl.sriovctl.plugins.module_utils.sriovctl import (
    COMMON_ARGS, FAILED, OK, PVE_ARGS, Sriovctl, doctor, gate_message, spec_file)


def blockers(plan):
    return [f for f in plan.get('findings', []) if f.get('level') == 'blocker']


def main():
    argument_spec = dict(
        spec=dict(type='raw'),
        spec_file=dict(type='path'),
        allow_disruption=dict(type='bool', default=False),
        confirm_within=dict(type='str'),
        probes=dict(type='list', elements='str', default=[]),
        no_guard=dict(type='bool', default=False),
        sriovctl_path=dict(type='str'),
        doctor=dict(type='bool', default=True),
        confirm=dict(type='bool', default=False),
        rollback=dict(type='bool', default=False),
        node=dict(type='str'),
    )
    argument_spec.update(COMMON_ARGS)
    argument_spec.update(PVE_ARGS)
    module = AnsibleModule(
        argument_spec=argument_spec,
        mutually_exclusive=[('spec', 'spec_file', 'confirm', 'rollback')],
        required_one_of=[('spec', 'spec_file', 'confirm', 'rollback')],
        supports_check_mode=True,
    )
    p = module.params
    result = dict(changed=False, plan=None, apply=None, doctor=None, failed_checks=[], rc=0)

    if p['confirm'] or p['rollback']:
        what = '--confirm' if p['confirm'] else '--rollback'
        cli = Sriovctl(module)
        if not module.check_mode:
            run = cli.run(['apply', what, '-o', 'json'] + cli.host_args)
            if run.rc != 0:
                cli.fail(run, 'sriovctl apply ' + what, apply=run.data())
            result.update(apply=run.data(), rc=run.rc, changed=True)
        module.exit_json(calls=cli.calls, **result)

    path, shown = spec_file(module)
    cli = Sriovctl(module, replace={path: shown} if shown else None)
    common = ['-f', path] + cli.host_args
    guard = ['--confirm-within', p['confirm_within']] if p['confirm_within'] else []
    extra = (['--allow-disruption'] if p['allow_disruption'] else []) + (['--sriovctl-path', p['sriovctl_path']] if p['sriovctl_path'] else [])

    planned, plan = cli.run_json(['plan', '-o', 'json'] + common + guard + extra, 'sriovctl plan', ok=(OK, FAILED))
    result.update(plan=plan, rc=planned.rc, changed=plan.get('changes', 0) > 0)
    if module._diff:
        result['diff'] = [dict(prepared=f['diff']) for f in plan.get('files', []) if f.get('diff')]
    if planned.rc == FAILED:
        found = blockers(plan)
        module.fail_json(msg='sriovctl plan: apply would refuse this plan, nothing was changed: '
                         + '; '.join('%s: %s (fix: %s)' % (b.get('subject'), b.get('message'), b.get('fix')) for b in found),
                         rc=planned.rc, blockers=found, plan=plan, calls=cli.calls)

    if not module.check_mode and result['changed']:
        args = ['apply', '-o', 'json', '--yes'] + common + guard + extra
        for probe in p['probes']:
            args += ['--probe', probe]
        if p['no_guard']:
            args.append('--no-guard')
        applied = cli.run(args)
        result.update(apply=applied.data(), rc=applied.rc)
        if applied.rc != 0:
            message = (result['apply'] or {}).get('message')
            if not message:
                cli.fail(applied, 'sriovctl apply')
            # what happened and the state the host is in, in sriovctl's words; the steps for the details
            module.fail_json(msg='sriovctl apply: %s (exit %d)' % (message, applied.rc), rc=applied.rc, apply=result['apply'],
                             stderr=applied.stderr, cmd=applied.argv, calls=cli.calls)

    if p['doctor']:
        rc, result['doctor'], result['failed_checks'] = doctor(cli, p, path, apply=result['apply'])
        if rc == FAILED and not module.check_mode:
            module.fail_json(msg=gate_message(result['failed_checks']), rc=rc, changed=result['changed'],
                             failed_checks=result['failed_checks'], apply=result['apply'], calls=cli.calls)
    module.exit_json(calls=cli.calls, **result)


if __name__ == '__main__':
    main()
