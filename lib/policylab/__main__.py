from policylab.cli import main

raise SystemExit(main())
