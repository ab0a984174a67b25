"""Seeded generator of synthetic, fictional projects of any size.

The generated network has the shape of a transnational organised-crime
group: a leadership core, cells rooted in one country with a head, money,
recruitment, distribution and muscle; brokers and money launderers who tie
cells together; corrupt officials at borders and ports; families and
ethnic ties; phones, accounts, companies, vehicles and premises around the
people. Names are invented by combining common given names and surnames at
random; countries and crime types are real vocabularies. The same arguments
always give the same bytes.

The word pools are in :mod:`.pools`, the making of single rows in
:mod:`.rows`, the network's structure and activities in :mod:`.network`
and the writing of the files in :mod:`.project`.
"""

from .project import generate

__all__ = ["generate"]
