# ModelPersist.py: PyGObject overrides that make libmodelpersist feel like
# scikit-learn from Python.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

from ..module import get_introspection_module
from ..overrides import override

ModelPersist = get_introspection_module('ModelPersist')

__all__ = []


class Estimator(ModelPersist.Estimator):
    """The base of every estimator, with scikit-learn's repr."""

    def __repr__(self):
        return self.to_string()


Estimator = override(Estimator)
__all__.append('Estimator')
