# -*- coding: utf-8 -*-
# Copyright: 2026 sriovctl developers
# Apache License 2.0 (see packaging/deb/copyright)
"""The options every module of this collection shares, documented once (module_utils/sriovctl.py has
their argument specs, COMMON_ARGS and PVE_ARGS). A module's own entry for an option replaces these."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # COMMON_ARGS: which sriovctl runs, on which host
    DOCUMENTATION = r'''
options:
  sim:
    description: A simulated host directory instead of the node itself (C(--sim DIR)).
    type: path
  executable:
    description: The sriovctl command on the node.
    type: str
    default: sriovctl
'''

    # PVE_ARGS: how sriovctl reaches the PVE API
    PVE = r'''
options:
  api:
    description: The PVE API, a node's name or address or C(https://HOST:PORT). Without it, pvesh on the node is used.
    type: str
  token_id:
    description: The API token id, C(USER@REALM!TOKENID).
    type: str
  token_secret:
    description: The token secret (keep it in ansible-vault). Passed in the environment, never in argv.
    type: str
  token_file:
    description: A file on the node holding only the secret, mode 0600.
    type: path
  fingerprint:
    description: The SHA-256 fingerprint of the API's certificate (C(pvenode cert info)), instead of a CA.
    type: str
  timeout:
    description: Seconds to wait for each API answer.
    type: int
'''
