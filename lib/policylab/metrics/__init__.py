"""Analysis methods on plain pandas/numpy inputs, one module per method family.

Methods, usable by any lesson:

- ``growth``: shares, per-capita values, CAGR, world shares, ranks and gaps to a median;
- ``shiftshare``: within / static / dynamic decomposition of labour-productivity growth;
- ``cip``: the UNIDO-style Competitive Industrial Performance composite and its sensitivity;
- ``complexity`` and ``complexity_steps``: RCA, ECI/PCI, proximity, density, outlook gain,
  opportunities, and every step on a small worked matrix;
- ``composite``: a generic weighted composite with stated weights;
- ``world_pattern``: manufacturing against income across the world (Rodrik 2016);
- ``decoupling``: decoupling of emissions from output, and a real-output index chained from
  growth rates;
- ``emissions_path``: the emissions what-if (GDP path x intensity path) and average growth;
- ``eci_income``: the published ECI against income;
- ``product_level``, ``neighbourhood``, ``collaboration``: the product panel's tables, a
  country's product-space neighbourhood, and product-level views of several countries.

The figures and tables each lesson reads, computed here so that lessons only word and draw
them: ``profile_*`` (CIP position, structure, the de-industrialization reading, growth start,
standing, SDG 9), ``emissions`` and ``greening_figures``, ``digital``, ``digital_gaps`` and
``digital_pattern``, ``value_chains_eci`` and ``value_chains_trade``.

Each function's docstring names its method and source. Import from the submodules
(``from policylab.metrics.cip import cip_scores``) so that readers can follow names.
"""
