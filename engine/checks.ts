/**
 * The sections every plan runs. Each check module registers itself when imported here.
 */
import "./checks/policies";
import "./reachability/section";
import "./checks/constraints";
import "./checks/quotas";
import "./checks/leftAfterDestroy";
import "./checks/realDeploy";
import "./checks/kubernetes";
import "./checks/planFigures";
import "./destroy";
