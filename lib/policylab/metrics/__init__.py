"""Analysis methods on plain pandas/numpy inputs, one module per method family.

- ``growth``: shares, per-capita values, CAGR, world shares, ranks and gaps to a median;
- ``shiftshare``: within / static / dynamic decomposition of labour-productivity growth;
- ``cip``: the UNIDO-style Competitive Industrial Performance composite and its sensitivity;
- ``complexity``: RCA, ECI/PCI, proximity, density, outlook gain, opportunities;
- ``composite``: a generic weighted composite with stated weights.
- ``decoupling``: decoupling of emissions from output, and a real-output index chained from
  growth rates;
- ``emissions_path``: the emissions what-if (GDP path x intensity path) and average growth.

Each function's docstring names its method and source. Import from the submodules
(``from policylab.metrics.cip import cip_scores``) so that readers can follow names.
"""
