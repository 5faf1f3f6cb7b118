# provenance.py: comparing a converted model's bytes with a native one's,
# shared by the bridge and SVR tests.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

from gi.repository import ModelPersist


def dumps_with_provenance_of(model, converted):
    """dumps(model) with the record of where @converted came from (the
    imported_from.* annotations from_sklearn() saves with it): a
    conversion that loses nothing gives exactly these bytes."""
    report = ModelPersist.LoadReport()
    ModelPersist.loads(ModelPersist.dumps(converted), report=report)
    info = report.get_model_info()
    assert [key for key in info.list_annotations()] == [
        'imported_from.container', 'imported_from.importer', 'imported_from.sklearn_version']
    assert info.get_annotation('imported_from.container') == 'from_sklearn'
    return ModelPersist.dumps(model, info=info)
