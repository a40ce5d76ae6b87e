<#import "lib/k8s.ftl" as k8s>
apiVersion: v1
kind: Namespace
<@k8s.metadata name=name/>
