"""Exchange formats: reading what analysts already hold, writing what their tools open.

Importers turn a source (workbook, i2 delimited text, STIX bundle,
FollowTheMoney entities, GraphML/GEXF, matrix, edge list) into an
:class:`~.base.Imported` table set in the data contract's columns, with a
note for everything mapped or dropped; :func:`~.base.write_project` writes it
as a project directory. Exporters write a released project with the computed
measures for Gephi, i2, OpenCTI, Aleph and spreadsheets.

Shared contract in :mod:`.base`; one module per format.
"""
