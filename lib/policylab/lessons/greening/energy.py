"""Section 4: how much energy the economy needs per unit of output, and how much of its
electricity and final energy is renewable (each against peers and the income group)."""

from policylab.lessons.greening.base import trend

#: The indicators of the energy coverage note.
ENERGY_IDS = ("energy_intensity", "renewable_share_energy", "renewable_share_electricity")
#: Primary energy per unit of GDP, against peers and group.
energy_intensity_chart = trend("energy_intensity")
#: Renewable share of electricity output, against peers and group.
renewable_electricity_chart = trend("renewable_share_electricity")
#: Renewable share of final energy use, against peers and group.
renewable_energy_chart = trend("renewable_share_energy")
