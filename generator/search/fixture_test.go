package search

// fixture is a small site for the ranking and browser tests.
var fixture = []Doc{
	{
		URL: "/services/lambda/", Title: "AWS Lambda", Section: "Services",
		Tags:  []string{"serverless", "functions"},
		Facts: []string{"Max run time: 15 minutes", "Billing: per millisecond"},
		Parts: []Part{
			{Text: "Lambda runs your code as functions, without servers to manage. You pay only for the compute time you use."},
			{Anchor: "cold-starts", Heading: "Cold starts", Text: "A cold start happens when Lambda creates a new execution environment. Provisioned concurrency keeps environments warm."},
			{Anchor: "limits", Heading: "Limits", Text: "Memory goes from 128 MB to 10,240 MB. The deployment package is at most 250 MB unzipped; container images can be 10 GB."},
		},
	},
	{
		URL: "/services/fargate/", Title: "AWS Fargate", Section: "Services",
		Tags:  []string{"containers", "serverless"},
		Facts: []string{"Max run time: none", "Billing: per second"},
		Parts: []Part{
			{Text: "Fargate is a serverless compute engine for containers. It works with Amazon ECS and Amazon EKS."},
			{Anchor: "when-to-use", Heading: "When to use it", Text: "Choose Fargate for long-running services that do not fit the fifteen minute limit of a function."},
		},
	},
	{
		URL: "/services/ecs/", Title: "Amazon ECS", Section: "Services",
		Facts: []string{"Launch types: EC2, Fargate, External"},
		Parts: []Part{
			{Text: "Elastic Container Service schedules Docker containers on a cluster."},
			{Anchor: "launch-types", Heading: "Launch types", Text: "The EC2 launch type runs tasks on instances you manage; with Fargate you do not manage servers at all."},
		},
	},
	{
		URL: "/services/batch/", Title: "AWS Batch", Section: "Services",
		Parts: []Part{
			{Text: "Batch runs batch computing jobs of any scale on EC2 or Fargate."},
			{Anchor: "vs-lambda", Heading: "Batch or Lambda?", Text: "Jobs that run longer than fifteen minutes belong in Batch; short event-driven work fits a Lambda function."},
		},
	},
	{
		URL: "/compare/serverless-containers/", Title: "Serverless containers compared", Section: "Compare › Compute",
		Parts: []Part{
			{Text: "Both Fargate and Lambda run containers without servers to manage."},
			{Anchor: "pricing", Heading: "Pricing", Text: "You pay for what you use: per request and duration with one, per vCPU and memory second with the other."},
		},
	},
	{
		URL: "/notes/escaping/", Title: `<script>alert(1)</script> Escaping notes`, Section: `Notes"><img src=x onerror=alert(2)>`,
		Facts: []string{`Payload: "><img src=x onerror=alert(3)>`},
		Parts: []Part{
			{Text: `Injection test: "><img src=x onerror=alert(4)> and <script>alert(5)</script> must show as text.`},
			{Anchor: `x"><img src=x onerror=alert(6)>`, Heading: `<b>Heading</b>`, Text: `More injection <img src=x onerror=alert(7)> text.`},
		},
	},
}
